using System.Diagnostics;
using System.Reflection;

namespace Governance.Testing;

/// <summary>
/// Python message classes for the interop tests, generated at test time by protoc FROM THE PROJECT'S OWN
/// .proto files (copied beside the tests under Protos/). The protoc is Grpc.Tools 2.50.0's (protoc 3.21.6),
/// the newest whose <c>--python_out</c> loads in Debian's python3-protobuf 4.21 (shared/STACK.md).
/// </summary>
public static class PythonProtos
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? _generated;

    /// <summary>The folder holding <c>governance/&lt;service&gt;/v1/&lt;service&gt;_pb2.py</c>, to put on PYTHONPATH.</summary>
    public static async Task<string> GenerateAsync(CancellationToken cancellationToken)
    {
        await Once.WaitAsync(cancellationToken);
        try
        {
            return _generated ??= await RunProtocAsync(cancellationToken);
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<string> RunProtocAsync(CancellationToken cancellationToken)
    {
        var packages = typeof(PythonProtos).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;
        var tools = Path.Combine(packages, "grpc.tools", "2.50.0");
        var protoc = Path.Combine(tools, "tools", "linux_x64", "protoc");
        if (!File.Exists(protoc)) throw new InvalidOperationException($"protoc 3.21.6 is missing at {protoc}: restore tests/Governance.Testing (PackageDownload Grpc.Tools 2.50.0).");
        // NuGet may unpack it without the execute bit for others; protoc must run.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(protoc, File.GetUnixFileMode(protoc) | UnixFileMode.UserExecute);
        var root = Path.Combine(AppContext.BaseDirectory, "Protos");
        var output = Directory.CreateTempSubdirectory("governance-pb2-").FullName;
        var start = new ProcessStartInfo(protoc) { RedirectStandardError = true };
        start.ArgumentList.Add($"--proto_path={root}");
        start.ArgumentList.Add($"--proto_path={Path.Combine(tools, "build", "native", "include")}");
        start.ArgumentList.Add($"--python_out={output}");
        foreach (var proto in Directory.EnumerateFiles(root, "*.proto", SearchOption.AllDirectories))
            start.ArgumentList.Add(Path.GetRelativePath(root, proto));
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"protoc failed ({process.ExitCode}): {stderr}");
        return output;
    }
}
