using System.Collections.Concurrent;
using MassTransit;
using RabbitMQ.Client;

namespace Governance.Messaging.Bus;

/// <summary>
/// Asks the broker whether each of the host's receive queues has a consumer. After a broker restart
/// MassTransit can believe an endpoint is consuming while the broker shows nobody on its queue; the
/// bus's own health does not see that, the broker does. It can also keep a consumer registered at
/// the broker on a channel that no longer delivers: then messages wait on the queue while this host
/// consumes none of them, which the probe reports as well.
/// </summary>
internal sealed class BrokerConsumerProbe(string connectionString) : IAsyncDisposable
{
    private readonly List<string> _queues = [];
    private readonly ConcurrentDictionary<string, DateTime> _lastConsumed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _waitingSince = new(StringComparer.Ordinal);
    private IConnection? _connection;

    /// <summary>This host consumed a message from <paramref name="queue"/> (the consume observer says so).</summary>
    public void Consumed(string queue) => _lastConsumed[queue] = DateTime.UtcNow;

    /// <summary>When this host last consumed from <paramref name="queue"/>, if it has.</summary>
    internal DateTime? LastConsumed(string queue) => _lastConsumed.TryGetValue(queue, out var at) ? at : null;

    public void Add(string queue)
    {
        lock (_queues) if (!_queues.Contains(queue)) _queues.Add(queue);
    }

    /// <summary>
    /// True when every queue has a consumer and none has had messages waiting for longer than
    /// <paramref name="stuckAfter"/> while this host consumed nothing from it; null when the broker
    /// cannot be asked (nothing to judge).
    /// </summary>
    public async Task<bool?> AllQueuesConsumedAsync(TimeSpan stuckAfter, CancellationToken cancellationToken)
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
            var now = DateTime.UtcNow;
            foreach (var queue in queues)
            {
                await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
                var state = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                if (state.ConsumerCount == 0) return false;
                if (state.MessageCount == 0)
                {
                    _waitingSince.TryRemove(queue, out _);
                    continue;
                }
                var waiting = _waitingSince.GetOrAdd(queue, now);
                var consumed = _lastConsumed.TryGetValue(queue, out var at) ? at : DateTime.MinValue;
                if (now - (waiting > consumed ? waiting : consumed) > stuckAfter) return false;
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

/// <summary>Tells the probe which queues this host is consuming from.</summary>
internal sealed class ProbeConsumeObserver(BrokerConsumerProbe probe) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        Record(context);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        Record(context);
        return Task.CompletedTask;
    }

    private void Record(ConsumeContext context)
    {
        if (context.ReceiveContext.InputAddress is { } address) probe.Consumed(address.AbsolutePath.Split('/')[^1]);
    }
}
