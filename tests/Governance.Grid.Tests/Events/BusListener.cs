using System.Text.Json;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Governance.Grid.Tests.Events;

/// <summary>
/// A raw RabbitMQ consumer, independent of MassTransit and of the grid service: binds its own
/// exclusive queue to the exchanges MassTransit publishes each message type to
/// (<c>Namespace:Type</c>, fanout) and reads the envelopes as JSON.
/// </summary>
internal sealed class BusListener : IAsyncDisposable
{
    public sealed record Received(string Type, JsonElement Message);

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    // Read but not yet asked for: events of one commit arrive in any order.
    private readonly List<Received> _held = [];

    private BusListener(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    public static async Task<BusListener> StartAsync(string ns, params string[] types)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(TestRabbitMq.ConnectionString) }.CreateConnectionAsync("grid-tests-listener");
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var type in types)
        {
            // Declared as MassTransit declares it, so whichever side comes first, both agree.
            await channel.ExchangeDeclareAsync($"{ns}:{type}", ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, $"{ns}:{type}", "");
        }
        var listener = new BusListener(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            var urn = envelope.RootElement.GetProperty("messageType")[0].GetString()!;
            listener._received.Writer.TryWrite(new Received(urn[(urn.LastIndexOf(':') + 1)..], envelope.RootElement.GetProperty("message").Clone()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return listener;
    }

    /// <summary>Waits for a message of <paramref name="type"/> matching <paramref name="match"/>, holding others for later asks.</summary>
    public async Task<JsonElement> NextAsync(string type, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var held = _held.FindIndex(r => r.Type == type && match(r.Message));
        if (held >= 0)
        {
            var found = _held[held];
            _held.RemoveAt(held);
            return found.Message;
        }
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var next = await _received.Reader.ReadAsync(cancel.Token);
                if (next.Type == type && match(next.Message)) return next.Message;
                _held.Add(next);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"No {type} arrived on RabbitMQ within the timeout.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
