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
/// bench/run-assessment-live.sh [backlog=100000] [rate=2000] [seconds=30]: live folding through RabbitMQ. The service runs
/// with its inbox consumers on the broker, as in a deployment; the synthetic county's events come from a publisher in a
/// process of its own (<see cref="LivePublisher"/>, a bus built as the services' are), so that neither's CPU is counted as
/// the other's nor limits it. Two parts, either skipped with 0:
/// <list type="bullet">
/// <item><b>Backlog</b>: the service's host is stopped (its queues stay, bound), <c>backlog</c> events are published into
/// them, then a host started again on a fresh database folds the lot as fast as its consumers can: events folded per
/// second at saturation, the fold's ceiling. (Restarting the bus inside one host left its consumers stopped.)</item>
/// <item><b>Steady rate</b>: <c>rate</c> events a second for <c>seconds</c>, and each event's lag from its publish to its
/// fold's commit (p50 / p99 / max); a rate the service cannot keep up with shows as a lag that grows through the run.</item>
/// </list>
/// A fold is seen as its batch's consumer returns (a consume observer on the bus: after the inbox's commit), so watching
/// costs the database nothing. Beside events/s, each part prints figures the machine's load does not move: database round
/// trips per event (Npgsql's own count of operations, the host's other background work included) and CPU milliseconds per
/// event of the service's process, of the PostgreSQL backends serving its database and of the publisher's process.
/// </summary>
internal static class LiveBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var backlog = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var rate = args.Length > 1 ? int.Parse(args[1]) : 2_000;
        var seconds = args.Length > 2 ? int.Parse(args[2]) : 30;
        var prefix = "bench-assessment-live-" + Guid.NewGuid().ToString("n")[..6];
        // A virtual host of the run's own: the shared broker's exchanges carry hundreds of bindings left by test runs, which
        // cost the broker more per message than the fold costs the service; deleting it leaves nothing behind.
        var rabbitmq = await TestRabbitMq.CreateVirtualHostAsync(prefix);
        var folds = new FoldWatch();
        ServiceTestHost<AssessmentDb>? host = await StartServiceAsync(rabbitmq, prefix, folds);
        try
        {
            using var roundTrips = new RoundTrips();
            Console.WriteLine($"assessment live folding: service process {Environment.ProcessId}, {Environment.ProcessorCount} cores, " +
                $"load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])}");

            // Warm-up (queues bound, JIT, EF's model built), not measured: from the service's own bus.
            var bus = host.Services.GetRequiredService<IBus>();
            foreach (var message in SyntheticCounty.Work(17, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Take(500))
                await bus.Publish(message, ctx => ctx.MessageId = Guid.NewGuid());
            if (!await folds.WaitForAsync(500, TimeSpan.FromSeconds(120))) throw new TimeoutException("The warm-up's 500 events were not folded within 120 s.");
            var expected = 500;

            if (backlog > 0)
            {
                // The service stops (its queues stay, bound to the events' exchanges), the backlog goes into its queues, and a
                // service started again on a fresh database folds it as fast as it can, from its first commit to its last.
                await host.DisposeAsync();
                host = null;
                using (var publisher = LivePublisher.Start(rabbitmq, seed: 19, backlog, rate: 0))
                {
                    var (_, publishSeconds, publisherCpuMs) = await publisher.FinishedAsync();
                    Console.WriteLine($"backlog: {backlog:N0} events published into the stopped service's queues in {publishSeconds:F1} s " +
                        $"({backlog / publishSeconds:F0}/s; publisher CPU {publisherCpuMs / backlog:F3} ms/event, in its own process)");
                }
                folds.Reset(() => (Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds, roundTrips.Count));
                host = await StartServiceAsync(rabbitmq, prefix, folds);
                if (!await folds.WaitForAsync(backlog, TimeSpan.FromSeconds(Math.Max(300, backlog / 50.0))))
                {
                    Console.WriteLine($"backlog: only {folds.Count:N0} of {backlog:N0} events folded");
                    return 1;
                }
                var (serviceMs, trips) = folds.AtFirstBatch!.Value;
                serviceMs = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - serviceMs;
                trips = roundTrips.Count - trips;
                // The database is the restarted service's own: its backends' whole CPU, its schema's creation (tens of ms) included.
                var postgresMs = (await PostgresCpuAsync(host)).Values.Sum();
                var elapsed = folds.FoldingSeconds;
                expected = backlog;
                Console.WriteLine($"backlog: {backlog:N0} events folded in {elapsed:F1} s = {backlog / elapsed:F0} events/s (first commit to last)");
                Console.WriteLine($"         {(double)trips / backlog:F2} database round trips per event; CPU per event: service {serviceMs / backlog:F3} ms, " +
                    $"PostgreSQL {postgresMs / backlog:F3} ms (service busy {serviceMs / 10 / elapsed:F0}% of a core, PostgreSQL {postgresMs / 10 / elapsed:F0}%)");
            }

            if (rate > 0 && seconds > 0)
            {
                var total = rate * seconds;
                folds.Reset();
                var trips = roundTrips.Count;
                var serviceMs = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
                var postgres = await PostgresCpuAsync(host);
                var clock = Stopwatch.StartNew();
                using var publisher = LivePublisher.Start(rabbitmq, seed: 23, total, rate);
                var (published, publishSeconds, publisherCpuMs) = await publisher.FinishedAsync();
                if (!await folds.WaitForAsync(total, TimeSpan.FromSeconds(300)))
                {
                    // A rate the service cannot keep up with: say how far it got rather than only that it did not finish.
                    Console.WriteLine($"steady: stopped 300 s after the last publish with {folds.Count:N0} of {total:N0} events folded " +
                        $"({folds.Count / clock.Elapsed.TotalSeconds:F0} events/s over the run)");
                    return 1;
                }
                var elapsed = clock.Elapsed.TotalSeconds;
                serviceMs = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - serviceMs;
                var postgresMs = (await PostgresCpuAsync(host)).Sum(b => b.Value - postgres.GetValueOrDefault(b.Key));
                trips = roundTrips.Count - trips;
                expected += total;
                var lags = folds.LagsMs(published);
                double Percentile(double p) => lags[Math.Min(lags.Length - 1, (int)Math.Ceiling(p * lags.Length) - 1)];
                Console.WriteLine($"steady: {total:N0} events published at {total / publishSeconds:F0}/s (target {rate}/s) in {publishSeconds:F1} s " +
                    $"(publisher CPU {publisherCpuMs / total:F3} ms/event, in its own process)");
                Console.WriteLine($"        folded in {elapsed:F1} s = {total / elapsed:F0} events/s; " +
                    $"lag publish → fold committed: p50 {Percentile(0.50):F0} ms, p99 {Percentile(0.99):F0} ms, max {lags[^1]:F0} ms");
                Console.WriteLine($"        {(double)trips / total:F2} database round trips per event; CPU per event: " +
                    $"service {serviceMs / total:F3} ms, PostgreSQL {postgresMs / total:F3} ms");
            }

            // Every event logged once: the folds seen are the rows committed.
            var logged = await host.QueryAsync(db => db.Events.CountAsync());
            if (logged != expected)
            {
                Console.WriteLine($"assessment_events holds {logged:N0} rows, {expected:N0} expected");
                return 1;
            }
            return 0;
        }
        finally
        {
            if (host is not null) await host.DisposeAsync();
            await TestRabbitMq.DeleteVirtualHostAsync(prefix);
        }
    }

    private static Task<ServiceTestHost<AssessmentDb>> StartServiceAsync(string rabbitmq, string prefix, FoldWatch folds)
    {
        // MassTransit keeps its log context in an async local set as a bus starts: a host started in this flow would leave
        // its (later disposed) logger factory to the next host's bus. Each host starts in a flow of its own.
        using (ExecutionContext.SuppressFlow())
            return Task.Run(() => ServiceTestHost<AssessmentDb>.StartAsync(
                new ServiceUnderTest("assessment", b => b.AddAssessmentService(), a => a.MapAssessmentService()),
                new ServiceTestHostOptions
                {
                    RealClock = true,
                    Settings = new Dictionary<string, string?>
                    {
                        ["ConnectionStrings:rabbitmq"] = rabbitmq,
                        ["Messaging:ServiceName"] = prefix,
                        ["Logging:LogLevel:Default"] = "Warning",
                    },
                    // On the bus from its start: a restarted service folds a backlog before StartAsync returns.
                    Configure = builder => builder.Services.AddConsumeObserver(_ => folds),
                }));
    }

    /// <summary>CPU milliseconds so far of each PostgreSQL backend connected to the service's database (the server is shared).</summary>
    private static async Task<Dictionary<int, double>> PostgresCpuAsync(ServiceTestHost<AssessmentDb> host)
    {
        // Backends come and go with the pool: those present now; one that ended since the last sample is not counted.
        var backends = await host.QueryAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT pid AS \"Value\" FROM pg_stat_activity WHERE datname = current_database()").ToListAsync());
        return backends.ToDictionary(pid => pid, pid => MachineCpu.ProcessSeconds([pid]) * 1000);
    }

    /// <summary>
    /// Sees each message once its inbox batch's consumer has returned (MassTransit ends a batched message's consume with its
    /// batch's), which is after the batch's transaction committed: the time each message id's fold became visible, without
    /// a read of the database.
    /// </summary>
    private sealed class FoldWatch : IConsumeObserver
    {
        private ConcurrentDictionary<Guid, long> _seen = new();
        private long _first, _last;
        private Func<(double, long)>? _atFirstBatch;

        public int Count => _seen.Count;

        /// <summary>What <see cref="Reset"/>'s callback answered as the first fold was seen.</summary>
        public (double ServiceMs, long RoundTrips)? AtFirstBatch { get; private set; }

        /// <summary>From the first fold seen to the last.</summary>
        public double FoldingSeconds => Stopwatch.GetElapsedTime(Interlocked.Read(ref _first), Interlocked.Read(ref _last)).TotalSeconds;

        public void Reset(Func<(double, long)>? atFirstBatch = null)
        {
            _seen = new ConcurrentDictionary<Guid, long>();
            (_first, _last, _atFirstBatch, AtFirstBatch) = (0, 0, atFirstBatch, null);
        }

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            // Each message of an inbox batch is seen once the batch's consumer has returned: after its commit.
            var now = Stopwatch.GetTimestamp();
            if (!_seen.TryAdd(context.MessageId!.Value, now)) return Task.CompletedTask;
            if (Interlocked.CompareExchange(ref _first, now, 0) == 0 && _atFirstBatch is { } sample) AtFirstBatch = sample();
            Interlocked.Exchange(ref _last, now);
            return Task.CompletedTask;
        }

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            Console.WriteLine($"a {typeof(T).Name} failed: {exception.Message}");
            return Task.CompletedTask;
        }

        public async Task<bool> WaitForAsync(int count, TimeSpan patience)
        {
            var until = DateTime.UtcNow + patience;
            while (Count < count)
            {
                if (DateTime.UtcNow > until) return false;
                await Task.Delay(10);
            }
            return true;
        }

        /// <summary>Each published event's lag from publish to fold, in milliseconds, sorted.</summary>
        public double[] LagsMs(Dictionary<Guid, long> published)
        {
            var lags = published.Select(p => Stopwatch.GetElapsedTime(p.Value, _seen[p.Key]).TotalMilliseconds).ToArray();
            Array.Sort(lags);
            return lags;
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
}
