using System.Diagnostics;

namespace Governance.Bench.VideoAlert;

/// <summary>
/// CPU time this process spends per call: on a shared machine the rates move with other people's load, the CPU an
/// alarm costs the service does not (much), so it is the figure to compare before and after a change.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Runs <paramref name="run"/> (which answers calls per second) and answers that with this process's CPU milliseconds per call.</summary>
    public static async Task<(double PerSecond, double CpuMsPerCall)> PerCallAsync(int calls, Func<Task<double>> run)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var perSecond = await run();
        process.Refresh();
        return (perSecond, (process.TotalProcessorTime - before).TotalMilliseconds / calls);
    }
}
