using System.Diagnostics;
using Governance.Messaging.Bus;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Bench.Messaging;

/// <summary>
/// The paths under test, each in a host of its own, started at its first run and kept for the rest,
/// as a service runs: a host per run would measure EF Core's and MassTransit's start-up (model
/// building, query compilation, the JIT) rather than the path.
/// </summary>
public sealed class Paths(string postgres, string rabbitmq, Tally tally) : IAsyncDisposable
{
    private readonly Dictionary<string, IHost> _hosts = [];

    private const int EventsPerTransaction = 10;
    private const int Aggregates = 100;

    /// <summary>Raw MassTransit: publish with confirms, 64 in flight, to a consumer that only counts.</summary>
    public async Task<TimeSpan> RawAsync(string run, int events, int? ratePerSecond = null)
    {
        var host = await HostAsync(durable: false);
        var bus = host.Services.GetRequiredService<IBus>();
        tally.Reset(run, events);
        var clock = Stopwatch.StartNew();
        if (ratePerSecond is { } rate)
            await Paced(events / EventsPerTransaction, rate / EventsPerTransaction, async tx =>
            {
                for (var i = 0; i < EventsPerTransaction; i++)
                    await bus.Publish(new RawBenchEvent(run, tx * EventsPerTransaction + i, DateTime.UtcNow));
            });
        else
            await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = 64 },
                async (no, ct) => await bus.Publish(new RawBenchEvent(run, no, DateTime.UtcNow), ct));
        await tally.AllReceived(TimeSpan.FromMinutes(5));
        clock.Stop();
        return clock.Elapsed;
    }

    /// <summary>
    /// Durable: 8 writers commit transactions of 10 events through the outbox; the consumer has an
    /// inbox (or, with <paramref name="inbox"/> false, only counts: the outbox's share of the cost).
    /// </summary>
    public async Task<TimeSpan> DurableAsync(string run, int events, int? ratePerSecond = null, bool inbox = true)
    {
        var host = await HostAsync(durable: true, inbox);
        var scopes = host.Services.GetRequiredService<IServiceScopeFactory>();
        tally.Reset(run, events);
        var clock = Stopwatch.StartNew();
        async Task WriteAsync(long tx)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BenchDb>();
            db.Transactions.Add(new BenchTransaction { At = DateTime.UtcNow });
            for (var i = 0; i < EventsPerTransaction; i++)
            {
                var no = tx * EventsPerTransaction + i;
                object message = inbox ? new BenchEvent(run, no, DateTime.UtcNow) : new OutboxOnlyEvent(run, no, DateTime.UtcNow);
                db.AddToOutbox(message, $"aggregate-{tx % Aggregates}");
            }
            await db.SaveChangesAsync();
        }
        if (ratePerSecond is { } rate)
            await Paced(events / EventsPerTransaction, rate / EventsPerTransaction, WriteAsync);
        else
            await Parallel.ForEachAsync(Enumerable.Range(0, events / EventsPerTransaction), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (tx, _) => await WriteAsync(tx));
        await tally.AllReceived(TimeSpan.FromMinutes(5));
        clock.Stop();
        return clock.Elapsed;
    }

    // One transaction every 1/rate seconds on a fixed schedule; a late one does not shift the rest.
    private static async Task Paced(int transactions, int perSecond, Func<long, Task> write)
    {
        var clock = Stopwatch.StartNew();
        for (long tx = 0; tx < transactions; tx++)
        {
            var due = TimeSpan.FromSeconds((double)tx / perSecond);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            await write(tx);
        }
    }

    private async Task<IHost> HostAsync(bool durable, bool inbox = false)
    {
        var name = !durable ? "bench-raw" : inbox ? "bench-durable" : "bench-outbox";
        if (!_hosts.TryGetValue(name, out var host)) _hosts[name] = host = await StartAsync(name, durable, inbox);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.StopAsync();
            host.Dispose();
        }
        _hosts.Clear();
    }

    private async Task<IHost> StartAsync(string name, bool durable, bool inbox)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:bench"] = postgres,
            ["ConnectionStrings:rabbitmq"] = rabbitmq,
            ["Messaging:ServiceName"] = name,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(tally);
        if (durable)
        {
            builder.AddServiceDatabase<BenchDb>("bench");
            builder.AddOutbox<BenchDb>();
            builder.AddConsumers(bus =>
            {
                if (inbox) bus.AddConsumer<DurableConsumer>();
                else bus.AddConsumer<OutboxOnlyConsumer>();
            });
        }
        else
        {
            builder.AddConsumers(bus => bus.AddConsumer<RawConsumer>());
        }
        builder.AddMessaging();
        var host = builder.Build();
        if (durable)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BenchDb>().Database.EnsureCreatedAsync();
        }
        await host.StartAsync();
        return host;
    }
}
