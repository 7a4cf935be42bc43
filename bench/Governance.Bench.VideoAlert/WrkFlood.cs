using System.Diagnostics;
using System.Globalization;

namespace Governance.Bench.VideoAlert;

/// <summary>
/// wrk (Debian's wrk, C with epoll) as analytics boxes in a process of their own: single alarms over keep-alive
/// connections for a fixed time, each a new event (Scenarios/webhook.lua), so that the webhook is measured without a .NET
/// HTTP client sharing the service's process. wrk counts a request when its answer has arrived; any answer other than
/// 2xx, or a socket error, fails the run.
/// </summary>
internal static class WrkFlood
{
    /// <summary>Posts alarms from <paramref name="connections"/> connections for <paramref name="seconds"/>; the alarms answered and their rate.</summary>
    public static async Task<(int Alarms, double PerSecond)> FloodAsync(Uri service, string apiKey, string run, int cameras, int connections, int seconds)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-t", "1", "-c", connections.ToString(), "-d", $"{seconds}s", "--timeout", "10s",
                     "-s", Path.Combine(AppContext.BaseDirectory, "Scenarios", "webhook.lua"), service.ToString(), "--", run, apiKey, cameras.ToString()])
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        var result = output.Split('\n').FirstOrDefault(l => l.StartsWith("wrk-result ", StringComparison.Ordinal))?.Split(' ');
        if (process.ExitCode != 0 || result is null) throw new InvalidOperationException($"wrk failed (exit {process.ExitCode}): {output}");
        var (requests, micros, refused, errors) = (int.Parse(result[1], CultureInfo.InvariantCulture), double.Parse(result[2], CultureInfo.InvariantCulture),
            int.Parse(result[3], CultureInfo.InvariantCulture), int.Parse(result[4], CultureInfo.InvariantCulture));
        if (refused > 0 || errors > 0) throw new InvalidOperationException($"wrk: {refused} answers other than 2xx, {errors} socket errors: {output}");
        return (requests, requests / (micros / 1_000_000));
    }
}
