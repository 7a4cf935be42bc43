using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Governance.Bench.Mediation;

/// <summary>
/// Counts DisputeRegistered envelopes on a queue of its own bound to MassTransit's exchange for the
/// type: a consumer outside the mediation service, as another service's would be.
/// </summary>
internal sealed class RegisteredCounter : IAsyncDisposable
{
    private const string Exchange = "Governance.Contracts.Mediation:DisputeRegistered";
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private long _count;

    private RegisteredCounter(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    public long Count => Interlocked.Read(ref _count);

    public static async Task<RegisteredCounter> StartAsync(string rabbitmq)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(rabbitmq) }.CreateConnectionAsync("bench-mediation-cases-counter");
        var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, 500, false);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueBindAsync(queue, Exchange, "");
        var counter = new RegisteredCounter(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, _) =>
        {
            Interlocked.Increment(ref counter._count);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return counter;
    }

    /// <summary>Waits until at least <paramref name="target"/> have arrived; false at the timeout.</summary>
    public async Task<bool> WaitForAsync(long target, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Count < target)
        {
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(2);
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
