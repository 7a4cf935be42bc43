using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Governance.Assessment;
using Governance.Assessment.Data;
using Governance.Testing;
using Governance.Testing.Hosting;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Bench.Assessment;

/// <summary>
/// bench/run-assessment-live.sh [rate=2000] [seconds=30]: live folding through RabbitMQ. The service runs with its inbox
/// consumers on the broker, as in a deployment; the synthetic county's events are published at a steady rate (a tick every
/// 10 ms), each with its own message id, and a reader outside the consumers watches <c>assessment_events</c> (each row is
/// committed with its fold) every 20 ms, going back 20,000 sequences each time for rows committed out of order. Printed: events folded per second over the run (first publish to last fold seen),
/// and each event's lag from its publish to its fold being visible, p50 / p99 / max. A lag is seen at the next read, so it
/// is an upper bound by up to 20 ms; a rate the service cannot keep up with shows as a lag that grows through the run.
/// Also printed: the database round trips per event folded (Npgsql's own count of operations, the watcher's reads and
/// the host's other work included), a figure the machine's load does not move.
/// </summary>
internal static class LiveBench
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(20);

    // How far below the highest sequence seen each read looks again: more than the rows in flight (uncommitted) at once.
    private const long ReadBack = 20_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = args.Length > 0 ? int.Parse(args[0]) : 2_000;
        var seconds = args.Length > 1 ? int.Parse(args[1]) : 30;
        var prefix = "bench-assessment-live-" + Guid.NewGuid().ToString("n")[..6];
        var service = new ServiceUnderTest("assessment", b => b.AddAssessmentService(), a => a.MapAssessmentService());
        await using var host = await ServiceTestHost<AssessmentDb>.StartAsync(service, new ServiceTestHostOptions
        {
            RealClock = true,
            Settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
                ["Messaging:ServiceName"] = prefix,
                ["Logging:LogLevel:Default"] = "Warning",
            },
        });
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            using var work = SyntheticCounty.Work(17, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).GetEnumerator();
            var published = new ConcurrentDictionary<Guid, long>();
            async Task PublishAsync(int count)
            {
                var sends = new List<Task>(count);
                for (var i = 0; i < count && work.MoveNext(); i++)
                {
                    var id = Guid.NewGuid();
                    published[id] = Stopwatch.GetTimestamp();
                    sends.Add(bus.Publish(work.Current, ctx => ctx.MessageId = id));
                }
                await Task.WhenAll(sends);
            }

            // Warm-up (queues bound, connections and EF's model built), not measured.
            await PublishAsync(500);
            await WaitForAsync(host, published.Count, TimeSpan.FromSeconds(120));
            published.Clear();
            long lastSequence;
            await using (var scope = host.Services.CreateAsyncScope())
                lastSequence = await scope.ServiceProvider.GetRequiredService<AssessmentDb>().Events.MaxAsync(e => e.Sequence);

            var total = rate * seconds;
            var lags = new List<double>(total);
            using var stop = new CancellationTokenSource();
            var seenIds = new HashSet<Guid>();
            var reader = Task.Run(async () =>
            {
                while (lags.Count < total)
                {
                    // Sequences are handed out at insert and committed in any order across the consumers' transactions, so
                    // a row below the highest seen can still appear: each read goes back a margin and skips what it saw.
                    var from = lastSequence - ReadBack;
                    await using var scope = host.Services.CreateAsyncScope();
                    var rows = await scope.ServiceProvider.GetRequiredService<AssessmentDb>().Events.AsNoTracking()
                        .Where(e => e.Sequence > from).Select(e => new { e.Sequence, e.MessageId }).ToListAsync(stop.Token);
                    var seen = Stopwatch.GetTimestamp();
                    foreach (var row in rows)
                    {
                        if (!seenIds.Add(row.MessageId)) continue;
                        if (published.TryGetValue(row.MessageId, out var sent)) lags.Add(Stopwatch.GetElapsedTime(sent, seen).TotalMilliseconds);
                        lastSequence = Math.Max(lastSequence, row.Sequence);
                    }
                    await Task.Delay(ReadEvery, stop.Token);
                }
            });

            using var roundTrips = new RoundTrips();
            var clock = Stopwatch.StartNew();
            var perTick = rate * Tick.TotalSeconds;
            var due = 0.0;
            var sent = 0;
            while (sent < total)
            {
                due += perTick;
                var now = (int)Math.Min(total - sent, Math.Floor(due) - sent);
                if (now > 0) { await PublishAsync(now); sent += now; }
                var next = TimeSpan.FromTicks(Tick.Ticks * (long)Math.Round(due / perTick)) - clock.Elapsed;
                if (next > TimeSpan.Zero) await Task.Delay(next);
            }
            var publishedIn = clock.Elapsed;
            stop.CancelAfter(TimeSpan.FromSeconds(300));
            try
            {
                await reader;
            }
            catch (OperationCanceledException)
            {
                // A rate the service cannot keep up with: say how far it got rather than only that it did not finish.
                Console.WriteLine($"stopped 300 s after the last publish with {lags.Count:N0} of {total:N0} events folded " +
                    $"({lags.Count / clock.Elapsed.TotalSeconds:F0} events/s over the run)");
                return 1;
            }
            var foldedIn = clock.Elapsed;
            var trips = roundTrips.Count;

            lags.Sort();
            double Percentile(double p) => lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(p * lags.Count) - 1)];
            Console.WriteLine($"published {total:N0} events at {total / publishedIn.TotalSeconds:F0}/s (target {rate}/s) in {publishedIn.TotalSeconds:F1} s");
            Console.WriteLine($"folded    {total:N0} events in {foldedIn.TotalSeconds:F1} s = {total / foldedIn.TotalSeconds:F0} events/s");
            Console.WriteLine($"database round trips: {trips:N0} = {(double)trips / total:F2} per event folded");
            Console.WriteLine($"lag publish → fold visible: p50 {Percentile(0.50):F0} ms, p99 {Percentile(0.99):F0} ms, max {lags[^1]:F0} ms (read every {ReadEvery.TotalMilliseconds:F0} ms)");
            return 0;
        }
        finally
        {
            await DeleteQueuesAsync(prefix);
        }
    }

    /// <summary>Counts the operations Npgsql reports (one per round trip: a batch of statements is one).</summary>
    private sealed class RoundTrips : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public RoundTrips()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.duration") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _count));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    private static async Task WaitForAsync(ServiceTestHost<AssessmentDb> host, int count, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < until)
        {
            await using var scope = host.Services.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<AssessmentDb>().Events.CountAsync() >= count) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The warm-up's {count} events were not folded within {patience.TotalSeconds} s.");
    }

    // The service's queues are named after its consumers under the prefix; a bench leaves none behind collecting events.
    private static async Task DeleteQueuesAsync(string prefix)
    {
        var names = new KebabCaseEndpointNameFormatter(prefix, false);
        var queues = typeof(AssessmentExtensions).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(IConsumer).IsAssignableFrom(t))
            .Select(t => (string)typeof(KebabCaseEndpointNameFormatter).GetMethod(nameof(KebabCaseEndpointNameFormatter.Consumer))!.MakeGenericMethod(t).Invoke(names, null)!)
            .SelectMany(q => new[] { q, q + "_error", q + "_skipped" }).ToArray();
        await TestRabbitMq.DeleteQueuesAsync(queues);
    }
}
