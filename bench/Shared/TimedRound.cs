using System.Diagnostics;

namespace Governance.Bench;

/// <summary>
/// One timed round of a write bench: <c>count</c> calls from <c>callers</c> concurrent callers, timed
/// from the first call until the <see cref="EventCounter"/> has seen every call's event. Shared by the
/// benchmarks (linked into each project).
/// </summary>
internal static class TimedRound
{
    /// <summary>Calls per second with events delivered, answered, latency p50/p99 (ms), and the last event's delay after the last answer (ms).</summary>
    public sealed record Result(double DeliveredPerSecond, double AnsweredPerSecond, double P50Ms, double P99Ms, double LastEventAfterMs)
    {
        /// <summary>The line a bench prints, <paramref name="unit"/> naming what was written (incidents, cases).</summary>
        public string Line(string unit) =>
            $"{DeliveredPerSecond,7:F0} {unit}/s with events delivered ({AnsweredPerSecond,7:F0}/s answered; p50 {P50Ms,6:F1} ms, p99 {P99Ms,6:F1} ms; " +
            $"last event {LastEventAfterMs,5:F0} ms after the last answer)";
    }

    public static async Task<Result> RunAsync(EventCounter counter, string eventName, int callers, int count, Func<int, Task> call)
    {
        var target = counter.Count + count;
        var next = -1;
        var latencies = new double[count];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await call(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        var answered = clock.Elapsed.TotalSeconds;
        if (!await counter.WaitForAsync(target, TimeSpan.FromMinutes(2)))
            throw new InvalidOperationException($"only {count - (target - counter.Count)} of {count} {eventName} events arrived within 2 minutes.");
        var delivered = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new Result(count / delivered, count / answered, latencies[count / 2], latencies[count * 99 / 100], 1000 * (delivered - answered));
    }
}
