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

    public int ProcessId => _process.Id;
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

    public static Task<StandaloneProcess> StartAsync(params string[] extraArgs) => Task.FromResult(Start(Launch.Of(null, extraArgs)));

    /// <summary>
    /// Starts the host from <paramref name="workingDirectory"/>, or from the folder of its DLL when null
    /// (then with a fresh data directory of its own). Given a working directory, the data directory is
    /// the host's default, <c>./data</c> under it.
    /// </summary>
    public static StandaloneProcess StartIn(string? workingDirectory, params string[] extraArgs) => Start(Launch.Of(workingDirectory, extraArgs));

    /// <summary>
    /// Like <see cref="StartIn"/>, but under <c>script</c>, which gives the host a pseudo-terminal for
    /// its standard output, as when a person runs it in a shell.
    /// </summary>
    public static StandaloneProcess StartInTerminal(string workingDirectory)
    {
        var launch = Launch.Of(workingDirectory, []);
        var info = new ProcessStartInfo("script") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-qfec");
        info.ArgumentList.Add(string.Join(' ', launch.Info.ArgumentList.Prepend("dotnet").Select(a => $"'{a}'")));
        info.ArgumentList.Add("/dev/null");
        return Start(launch with { Info = info });
    }

    private sealed record Launch(ProcessStartInfo Info, int Http, int Grpc, string Data)
    {
        public static Launch Of(string? workingDirectory, string[] extraArgs)
        {
            var data = workingDirectory is null ? Directory.CreateTempSubdirectory("governance-standalone-").FullName : Path.Combine(workingDirectory, "data");
            var (http, grpc) = (FreePort(), FreePort());
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Governance.Standalone.dll"));
            foreach (var arg in extraArgs) info.ArgumentList.Add(arg);
            info.ArgumentList.Add($"--Hosting:HttpPort={http}");
            info.ArgumentList.Add($"--Hosting:GrpcPort={grpc}");
            // The SIP intake on a free port: 5060 is the standalone's default, and tests run beside each other.
            info.ArgumentList.Add("--VideoAlert:Sip:Port=0");
            if (workingDirectory is null) info.ArgumentList.Add($"--Database:Directory={data}");
            return new Launch(info, http, grpc, data);
        }
    }

    private static StandaloneProcess Start(Launch launch)
    {
        var (http, grpc, data) = (launch.Http, launch.Grpc, launch.Data);
        var process = Process.Start(launch.Info) ?? throw new InvalidOperationException($"{launch.Info.FileName} did not start");
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
