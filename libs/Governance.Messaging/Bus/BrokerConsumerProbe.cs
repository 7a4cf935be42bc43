using RabbitMQ.Client;

namespace Governance.Messaging.Bus;

/// <summary>
/// Asks the broker whether each of the host's receive queues has a consumer. After a broker restart
/// MassTransit can believe an endpoint is consuming while the broker shows nobody on its queue; the
/// bus's own health does not see that, the broker does.
/// </summary>
internal sealed class BrokerConsumerProbe(string connectionString) : IAsyncDisposable
{
    private readonly List<string> _queues = [];
    private IConnection? _connection;

    public void Add(string queue)
    {
        lock (_queues) if (!_queues.Contains(queue)) _queues.Add(queue);
    }

    /// <summary>True when every queue has a consumer; null when the broker cannot be asked (nothing to judge).</summary>
    public async Task<bool?> AllQueuesConsumedAsync(CancellationToken cancellationToken)
    {
        string[] queues;
        lock (_queues) queues = [.. _queues];
        if (queues.Length == 0) return true;
        try
        {
            if (_connection is not { IsOpen: true })
            {
                if (_connection is not null) await _connection.DisposeAsync();
                _connection = await new ConnectionFactory { Uri = new Uri(connectionString), AutomaticRecoveryEnabled = false }
                    .CreateConnectionAsync("governance-consumer-probe", cancellationToken);
            }
            foreach (var queue in queues)
            {
                await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
                if ((await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).ConsumerCount == 0) return false;
            }
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
