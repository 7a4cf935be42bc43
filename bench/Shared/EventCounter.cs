using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Governance.Bench;

/// <summary>
/// Counts one event type's envelopes on a queue of its own bound to MassTransit's exchange for the
/// type (e.g. <c>Governance.Contracts.Grid:IncidentReported</c>): a consumer outside the service
/// under load, as another service's would be. Shared by the benchmarks (linked into each project).
/// </summary>
internal sealed class EventCounter : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private long _count;

    private EventCounter(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    public long Count => Interlocked.Read(ref _count);

    public static async Task<EventCounter> StartAsync(string rabbitmq, string exchange, string name)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(rabbitmq) }.CreateConnectionAsync(name);
        var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, 500, false);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, "");
        var counter = new EventCounter(connection, channel);
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
