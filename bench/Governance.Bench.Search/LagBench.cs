using System.Diagnostics;
using System.Diagnostics.Metrics;
using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Contracts.VideoAlert;
using Governance.Search;
using Governance.Search.Backends;
using Governance.Search.Data;
using Governance.Testing;
using Governance.Testing.Hosting;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Bench.Search;

/// <summary>
/// bench/run-search-lag.sh [rate=200] [seconds=20]: issue 16's event → searchable lag. The search service runs as deployed
/// (PostgreSQL, its inbox consumers on RabbitMQ, its indexer at the default interval and bulk size, the embedded Lucene
/// backend in a temporary directory); new records' first events (incidents reported, disputes registered, alerts raised,
/// cameras registered, in turn) are published at a steady rate, a tick every 10 ms, each stamped with its publish time
/// as its <c>OccurredAt</c>. No incident details are fetched (no grid address): that round trip is grid's, not the lag's.
/// The lag is measured two ways: (1) the service's own histogram <c>governance.search.index.lag</c> (now − the record's
/// latest event, when its bulk became searchable) through a <see cref="MeterListener"/>; (2) end to end, from the bench's
/// publish to a search through the backend finding the record: every 20th record lies in an org node of its own under
/// one street, which is searched every 20 ms (org filter, newest first, from the oldest record not yet found on), so
/// that figure is an upper bound by up to 20 ms plus one search. Also printed: records indexed per second, whether the service kept
/// up (the lag of the run's last quarter against its first), and the process's CPU per record (the bench's publishing
/// and searching included), a figure the machine's load moves less than the lag.
/// </summary>
internal static class LagBench
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);
    private const int SampleEvery = 20;
    private const int WarmUp = 400;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(300);

    private sealed record Sample(string Org, DateTime At, long SentAt)
    {
        public double? LagMs { get; set; }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = args.Length > 0 ? int.Parse(args[0]) : 200;
        var seconds = args.Length > 1 ? int.Parse(args[1]) : 20;
        var prefix = "bench-search-lag-" + Guid.NewGuid().ToString("n")[..6];
        // A county of its own, as the tests do: nothing another host publishes falls in the bench's searches.
        var county = "7" + Random.Shared.Next(10_000_000, 99_999_999);
        var sampled = $"{county}/999"; // the street the sampled records lie in, each in a community of its own
        var directory = Path.Combine(Path.GetTempPath(), "governance-bench-search-lag-" + Guid.NewGuid().ToString("n"));
        try
        {
            return await RunAsync(rate, seconds, prefix, county, sampled, directory);
        }
        finally
        {
            await TestRabbitMq.DeleteQueuesAsync(Queues(prefix));
            if (Directory.Exists(directory)) Directory.Delete(directory, true);
        }
    }

    private static async Task<int> RunAsync(int rate, int seconds, string prefix, string county, string sampled, string directory)
    {
        using var metrics = new ServiceMetrics();
        var service = new ServiceUnderTest("search", b => b.AddSearchService(), a => a.MapSearchService());
        await using var host = await ServiceTestHost<SearchDb>.StartAsync(service, new ServiceTestHostOptions
        {
            RealClock = true, // the indexer's lag is now − OccurredAt: both on the wall clock
            Settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
                ["Messaging:ServiceName"] = prefix,
                ["Search:LuceneDirectory"] = directory,
                ["Logging:LogLevel:Default"] = "Warning",
            },
        });
        var bus = host.Services.GetRequiredService<IBus>();
        var backend = host.Services.GetRequiredService<ISearchBackend>();
        var next = 0;
        var samples = new Dictionary<string, Sample>();
        var unfound = new Queue<Sample>(); // in publish order; the poller drops the found ones from its head
        var sends = new List<Task>();

        // The n-th record's first event, published without waiting for the broker's confirm (so that the rate does not
        // hang on its round trip); every SampleEvery-th lies in a community of its own under the sampled street.
        void Publish(int count, bool sample)
        {
            for (var i = 0; i < count; i++, next++)
            {
                var n = next;
                var isSample = sample && n % SampleEvery == 0;
                var org = isSample ? $"{sampled}/{n:00000000}" : $"{county}/{1 + n % 40:000}/{1 + n / 40 % 12:000}";
                var grid = $"{county[1..]}{1 + n % 40:000}{1 + n / 40 % 12:000}001";
                var at = DateTime.UtcNow;
                object message = (n % 4) switch
                {
                    0 => new IncidentReported(Guid.NewGuid(), $"L{n:D8}", "citizen", "road", "normal", grid, org, at),
                    1 => new DisputeRegistered(Guid.NewGuid(), $"T{n:D8}", "grid_on_site", "neighbour", "ordinary", "grid", org, null, at),
                    2 => new AlertRaised(Guid.NewGuid(), $"34020000001320{n:D6}", "fire_smoke", 1, grid, org, at),
                    _ => new CameraRegistered($"34020000001321{n:D6}", 132, grid, org, "public", n % 8 == 3, at),
                };
                if (isSample)
                {
                    var s = new Sample(org, at, Stopwatch.GetTimestamp());
                    lock (samples) { samples[org] = s; unfound.Enqueue(s); }
                }
                sends.Add(bus.Publish(message, message.GetType(), ctx => ctx.MessageId = Guid.NewGuid()));
            }
        }

        // Warm-up (queues bound, EF's model, Lucene's writer and SmartCn's dictionaries loaded), not measured.
        Publish(WarmUp, false);
        await Task.WhenAll(sends);
        sends.Clear();
        await WaitForAsync(() => metrics.Indexed >= WarmUp, TimeSpan.FromSeconds(120), "the warm-up's records were not indexed");
        metrics.Reset();

        var total = rate * seconds;
        var publishing = true;
        using var stop = new CancellationTokenSource();
        // One search a round (a page per 100 hits) finds the sampled records that became searchable: those in the sampled
        // street, from the oldest not yet found on (a second's margin), newest first.
        ScopeGrant[] scope = [.. new[] { "incident", "dispute", "alert", "camera" }.Select(t => new ScopeGrant(t, [county]))];
        var poller = Task.Run(async () =>
        {
            while (true)
            {
                stop.Token.ThrowIfCancellationRequested();
                var done = !Volatile.Read(ref publishing); // read first: a round that began after the publishing ended sees every sample
                Sample? oldest;
                lock (samples)
                {
                    while (unfound.TryPeek(out var s) && s.LagMs is not null) unfound.Dequeue();
                    oldest = unfound.TryPeek(out var first) ? first : null;
                }
                if (oldest is null && done && metrics.Indexed >= total) return;
                if (oldest is not null)
                {
                    for (var page = 1; ; page++)
                    {
                        var result = await backend.SearchAsync(new SearchQuery(null, [], sampled, null, oldest.At.AddSeconds(-1), null, [], [],
                            SearchSort.Time, page, 100, scope), stop.Token);
                        var seen = Stopwatch.GetTimestamp();
                        lock (samples)
                            foreach (var hit in result.Hits)
                                if (samples.TryGetValue(hit.OrgPath, out var s) && s.LagMs is null) s.LagMs = Stopwatch.GetElapsedTime(s.SentAt, seen).TotalMilliseconds;
                        if (page * 100 >= result.Total) break;
                    }
                }
                await Task.Delay(PollEvery, stop.Token);
            }
        });

        using var roundTrips = new RoundTrips();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var perTick = rate * Tick.TotalSeconds;
        var due = 0.0;
        var sent = 0;
        while (sent < total)
        {
            due += perTick;
            var now = (int)Math.Min(total - sent, Math.Floor(due) - sent);
            if (now > 0) { Publish(now, true); sent += now; }
            var wait = TimeSpan.FromTicks(Tick.Ticks * (long)Math.Round(due / perTick)) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
        var publishedIn = clock.Elapsed;
        await Task.WhenAll(sends);
        // Where a backlog waits at the last publish: events not yet folded (in the broker) or rows not yet indexed (pending).
        var folded = await host.QueryAsync(db => db.Documents.CountAsync()) - WarmUp;
        var indexedAtLastPublish = metrics.Indexed;
        Volatile.Write(ref publishing, false);
        stop.CancelAfter(Patience);
        var finished = true;
        try
        {
            await poller;
        }
        catch (OperationCanceledException)
        {
            // A rate the service cannot keep up with: the figures of what it did index, rather than none.
            finished = false;
        }
        var indexedIn = clock.Elapsed;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var trips = roundTrips.Count;

        var serviceLags = metrics.Lags();
        List<double> endToEnd;
        lock (samples) endToEnd = [.. samples.Values.Where(s => s.LagMs is not null).OrderBy(s => s.SentAt).Select(s => s.LagMs!.Value)];
        var quarter = Math.Max(1, endToEnd.Count / 4);
        var firstQuarter = Median(endToEnd.Take(quarter));
        var lastQuarter = Median(endToEnd.Skip(endToEnd.Count - quarter));
        // Kept up: everything indexed within 2 s of the last publish and the lag not growing through the run.
        var drain = indexedIn - publishedIn;
        var keptUp = finished && drain < TimeSpan.FromSeconds(2) && lastQuarter < 2 * firstQuarter + 500;

        Console.WriteLine($"published {total:N0} new records' first events at {total / publishedIn.TotalSeconds:F0}/s (target {rate}/s) in {publishedIn.TotalSeconds:F1} s");
        Console.WriteLine(finished
            ? $"indexed   {metrics.Indexed:N0} records in {indexedIn.TotalSeconds:F1} s = {metrics.Indexed / indexedIn.TotalSeconds:F0} records/s (the last {drain.TotalSeconds:F1} s after the last publish)"
            : $"indexed   {metrics.Indexed:N0} of {total:N0} records in {indexedIn.TotalSeconds:F1} s = {metrics.Indexed / indexedIn.TotalSeconds:F0} records/s, stopped waiting " +
              $"{Patience.TotalSeconds:F0} s after the last publish (the figures below are of the records indexed by then)");
        Console.WriteLine($"at the last publish: {folded:N0} folded into the read model, {indexedAtLastPublish:N0} indexed");
        Console.WriteLine($"kept up: {(keptUp ? "yes" : "no")} (end-to-end median of the run's first quarter {firstQuarter:F0} ms, last quarter {lastQuarter:F0} ms)");
        Console.WriteLine($"lag, service's histogram governance.search.index.lag ({serviceLags.Count:N0} records): {Figures(serviceLags)}");
        Console.WriteLine($"lag, publish → found by a search ({endToEnd.Count:N0} records, every {SampleEvery}th, searched for every {PollEvery.TotalMilliseconds:F0} ms): {Figures(endToEnd)}");
        Console.WriteLine($"process CPU: {cpuMs / total:F2} ms per record (service, broker client, the bench's publishing and searches); " +
            $"database round trips: {(double)trips / total:F2} per record");
        return finished ? 0 : 1;
    }

    private static string Figures(List<double> lags)
    {
        if (lags.Count == 0) return "none recorded";
        lags.Sort();
        double Percentile(double p) => lags[Math.Min(lags.Count - 1, Math.Max(0, (int)Math.Ceiling(p * lags.Count) - 1))];
        return $"p50 {Percentile(0.50):F0} ms, p99 {Percentile(0.99):F0} ms, max {lags[^1]:F0} ms";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan patience, string failure)
    {
        var until = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{failure} within {patience.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }

    // The service's queues are named after its consumers under the prefix; a bench leaves none behind collecting events.
    private static string[] Queues(string prefix)
    {
        var names = new KebabCaseEndpointNameFormatter(prefix, false);
        return [.. typeof(SearchExtensions).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(IConsumer).IsAssignableFrom(t))
            .Select(t => (string)typeof(KebabCaseEndpointNameFormatter).GetMethod(nameof(KebabCaseEndpointNameFormatter.Consumer))!.MakeGenericMethod(t).Invoke(names, null)!)
            .SelectMany(q => new[] { q, q + "_error", q + "_skipped" })];
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

    /// <summary>The search meter's lag histogram and indexed-documents counter, as any listener of <c>Governance.*</c> sees them.</summary>
    private sealed class ServiceMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<double> _lags = [];
        private long _indexed;

        public ServiceMetrics()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Governance.Search" && instrument.Name is "governance.search.index.lag" or "governance.search.index.documents")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (_lags) _lags.Add(value); });
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _indexed, value));
            _listener.Start();
        }

        public long Indexed => Interlocked.Read(ref _indexed);

        public List<double> Lags() { lock (_lags) return [.. _lags]; }

        public void Reset()
        {
            lock (_lags) _lags.Clear();
            Interlocked.Exchange(ref _indexed, 0);
        }

        public void Dispose() => _listener.Dispose();
    }
}
