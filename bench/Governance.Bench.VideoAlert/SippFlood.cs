using System.Diagnostics;
using System.Net;

namespace Governance.Bench.VideoAlert;

/// <summary>
/// SIPp (Debian's sip-tester) as the lower platform: registers with digest auth from a fixed local port, then sends one
/// alarm MESSAGE per call from that port (the address the service accepts MESSAGEs from), cameras and alarm types taken
/// in turn from an injection file. A call succeeds when its 200 arrives, and the service answers 200 after the commit.
/// </summary>
internal static class SippFlood
{
    public static async Task RegisterAsync(IPEndPoint target, int localPort, string domain, string service)
    {
        var (code, output) = await RunAsync(target, localPort, domain, service, "register.xml", ["-m", "1"]);
        if (code != 0) throw new InvalidOperationException($"SIPp did not register: {output}");
    }

    /// <summary>Sends <paramref name="alarms"/> alarms with at most <paramref name="inFlight"/> unanswered; the seconds it took.</summary>
    public static async Task<double> FloodAsync(IPEndPoint target, int localPort, string domain, string service, string run, int alarms, int inFlight, IReadOnlyList<(string Camera, int Type)> rows)
    {
        var inject = Path.Combine(Path.GetTempPath(), $"bench-videoalert-{Guid.NewGuid():n}.csv");
        await File.WriteAllLinesAsync(inject, ["SEQUENTIAL", .. rows.Select(r => $"{r.Camera};{r.Type}")]);
        try
        {
            var clock = Stopwatch.StartNew();
            var (code, output) = await RunAsync(target, localPort, domain, service, "alarm_flood.xml",
                ["-m", alarms.ToString(), "-r", "100000", "-l", inFlight.ToString(), "-inf", inject, "-key", "run", run + "-"]);
            var seconds = clock.Elapsed.TotalSeconds;
            if (code != 0) throw new InvalidOperationException($"SIPp flood: not every alarm was answered 200 (exit {code}): {output}");
            return seconds;
        }
        finally
        {
            File.Delete(inject);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(IPEndPoint target, int localPort, string domain, string service, string scenario, string[] extra)
    {
        var start = new ProcessStartInfo("sipp") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var a in (string[])[$"{target.Address}:{target.Port}", "-sf", Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario), "-t", "u1",
                     "-i", "127.0.0.1", "-p", localPort.ToString(), "-s", service, "-key", "device", BenchCameras.Platform, "-key", "domain", domain,
                     "-au", BenchCameras.Platform, "-ap", BenchCameras.Password, "-timeout", "300s", "-timeout_error", "-nostdin", .. extra])
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        return (process.ExitCode, (await stderr) + (output.Length > 3000 ? output[^3000..] : output));
    }
}
