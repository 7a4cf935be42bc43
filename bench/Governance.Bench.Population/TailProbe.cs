using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Governance.Bench.Population;

/// <summary>
/// Explains a round's slowest calls from the service's side: each request's span in the service (ASP.NET Core's
/// request activity, gRPC and REST alike), the time its PostgreSQL commands took (Npgsql's activities under it), and
/// the service's GC pauses and gen0 collections while it ran. Matched to the client's slow calls by the monotonic clock
/// both processes share; what is left of a slow call beyond the service's span is the client, the loopback and
/// Kestrel's work before the request's activity starts (queueing for a thread included). Listening makes ASP.NET Core
/// and Npgsql create their activities on every call, as a deployment's OpenTelemetry tracing does; the figures the
/// bench prints are measured with it.
/// </summary>
internal sealed class TailProbe : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Span> _spans = new();

    private sealed class Open
    {
        public long Started;
        public TimeSpan Paused;
        public int Gen0;
        public long DatabaseTicks;
    }

    private readonly record struct Span(long Started, long Ended, double DatabaseMs, double PausedMs, int Gen0);

    public TailProbe()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                if (activity.Source.Name == "Microsoft.AspNetCore")
                    activity.SetCustomProperty(nameof(TailProbe), new Open
                    {
                        Started = Stopwatch.GetTimestamp(), Paused = GC.GetTotalPauseDuration(), Gen0 = GC.CollectionCount(0),
                    });
            },
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql")
                {
                    for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
                        if (parent.GetCustomProperty(nameof(TailProbe)) is Open request)
                        {
                            Interlocked.Add(ref request.DatabaseTicks, activity.Duration.Ticks);
                            break;
                        }
                    return;
                }
                if (activity.GetCustomProperty(nameof(TailProbe)) is not Open open) return;
                _spans.Enqueue(new Span(open.Started, Stopwatch.GetTimestamp(), TimeSpan.FromTicks(open.DatabaseTicks).TotalMilliseconds,
                    (GC.GetTotalPauseDuration() - open.Paused).TotalMilliseconds, GC.CollectionCount(0) - open.Gen0));
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Forgets the spans seen so far (before a round).</summary>
    public void Clear() => _spans.Clear();

    /// <summary>
    /// Lines for the client's slow calls of the round just run: the sums over them of the service's span, its database
    /// time, its GC pauses and the client's own pauses, and the calls with no request span inside them.
    /// </summary>
    public string Explain(IReadOnlyList<SlowCall> slow)
    {
        var spans = _spans.ToArray();
        double total = 0, service = 0, database = 0, paused = 0, clientPaused = 0;
        int gen0 = 0, unmatched = 0;
        foreach (var call in slow)
        {
            var ended = call.Started + (long)(call.Ms * Stopwatch.Frequency / 1000);
            // The request inside the call (one caller: exactly one; several: the longest inside it).
            var match = spans.Where(s => s.Started >= call.Started && s.Ended <= ended).OrderByDescending(s => s.Ended - s.Started).FirstOrDefault();
            total += call.Ms;
            clientPaused += call.PausedMs;
            if (match.Ended == 0)
            {
                unmatched++;
                continue;
            }
            service += (match.Ended - match.Started) * 1000.0 / Stopwatch.Frequency;
            database += match.DatabaseMs;
            paused += match.PausedMs;
            gen0 += match.Gen0;
        }
        var n = Math.Max(1, slow.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"    slowest {slow.Count} calls, mean ms: call {total / n:F2} = service {service / n:F2} (PostgreSQL {database / n:F2}, service GC pauses {paused / n:F2}, " +
            $"{gen0} gen0 GCs) + outside the service {(total - service) / n:F2} (client GC pauses {clientPaused / n:F2}); {unmatched} unmatched");
    }

    public void Dispose() => _listener.Dispose();
}
