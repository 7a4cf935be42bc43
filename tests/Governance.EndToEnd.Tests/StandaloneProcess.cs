using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Governance.EndToEnd.Tests;

/// <summary>The real standalone host in its own process, on free loopback ports and a fresh data directory.</summary>
public sealed class StandaloneProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public int HttpPort { get; }
    public int GrpcPort { get; }
    public string DataDirectory { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    private StandaloneProcess(Process process, int httpPort, int grpcPort, string dataDirectory)
    {
        _process = process;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
        DataDirectory = dataDirectory;
    }

    public static async Task<StandaloneProcess> StartAsync(params string[] extraArgs)
    {
        var data = Directory.CreateTempSubdirectory("governance-standalone-").FullName;
        var (http, grpc) = (FreePort(), FreePort());
        var dll = Path.Combine(AppContext.BaseDirectory, "Governance.Standalone.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in extraArgs) info.ArgumentList.Add(arg);
        info.ArgumentList.Add($"--Hosting:HttpPort={http}");
        info.ArgumentList.Add($"--Hosting:GrpcPort={grpc}");
        info.ArgumentList.Add($"--Database:Directory={data}");
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var host = new StandaloneProcess(process, http, grpc, data);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the host prints that it is up, or fails with what it printed.</summary>
    public async Task WaitUntilUpAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains("is up:")) return;
            if (_process.HasExited) throw new InvalidOperationException($"standalone exited with {_process.ExitCode}:\n{Output}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"standalone did not come up within {timeout}:\n{Output}");
    }

    public Task<int> WaitForExitAsync(TimeSpan timeout) => WaitForExitCoreAsync(timeout);

    private async Task<int> WaitForExitCoreAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
