using System.Diagnostics;

namespace Governance.Bench.VideoAlert;

internal static class Concurrent
{
    /// <summary>Runs <paramref name="count"/> calls from <paramref name="callers"/> concurrent callers; the seconds it took.</summary>
    public static async Task<double> RunAsync(int callers, int count, Func<int, Task> call)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count) await call(i);
        }));
        return clock.Elapsed.TotalSeconds;
    }
}
