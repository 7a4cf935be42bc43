using System.Diagnostics;
using System.Text;

namespace Governance.Testing;

/// <summary>Runs a script with Debian's Python (python3-grpcio lives there), the independent peer of the interop tests.</summary>
public static class PythonScript
{
    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/> and answers the last line it printed; throws with its stderr when it fails.</summary>
    /// <remarks>The classes protoc generates from the project's .proto files (<see cref="PythonProtos"/>) are on its PYTHONPATH.</remarks>
    public static async Task<string> RunAsync(string script, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var protos = await PythonProtos.GenerateAsync(cancellationToken);
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        start.Environment["PYTHONPATH"] = protos;
        start.ArgumentList.Add(script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"The Python script {Path.GetFileName(script)} failed ({process.ExitCode}): {await stderr}");
        return (await stdout).Trim().Split('\n')[^1];
    }
}
