using System.Diagnostics;
using System.Net;
using System.Text;

namespace Governance.ClusterLocal;

/// <summary>
/// One service host as its own OS process, started again and again with the same environment, ports and database: a pod
/// whose container the kubelet restarts. Its output goes to <c>&lt;work&gt;/&lt;service&gt;.log</c> (every start appended).
/// </summary>
public sealed class ServiceProcess(string service, ProcessStartInfo start, int httpPort, int grpcPort, string log)
{
    private Process? _process;

    public string Service { get; } = service;
    public int HttpPort { get; } = httpPort;
    public int GrpcPort { get; } = grpcPort;
    public Uri Http => new($"http://127.0.0.1:{HttpPort}");
    public Uri Grpc => new($"http://127.0.0.1:{GrpcPort}");
    public string LogFile { get; } = log;

    /// <summary>The running process's id, or null when none runs.</summary>
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public void Start()
    {
        if (Pid is not null) throw new InvalidOperationException($"{Service} runs already (PID {Pid})");
        _process?.Dispose();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Service} did not start");
        var writer = new StreamWriter(LogFile, append: true, Encoding.UTF8) { AutoFlush = true };
        var gate = new object();
        void Write(string? line) { if (line is not null) lock (gate) writer.WriteLine(line); }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Exited += (_, _) => { lock (gate) writer.Dispose(); };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>SIGKILL, as an OOM kill or a node loss ends a pod: no shutdown hook runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM (what Kubernetes sends first), then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process is not { HasExited: false } process) return;
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()])) await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(grace);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { await KillAsync(); }
    }

    /// <summary>
    /// Waits until the probes a pod has would pass: <c>/health/ready</c> answers 200 and grpc.health.v1 on the gRPC port
    /// says SERVING. Fails with the log's tail when the process exits or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Pid is null) throw new InvalidOperationException($"{Service} exited:\n{Tail()}");
            if (await ReadyAsync(http, ct) && await ServingAsync(http, ct)) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{Service} not ready within {timeout}:\n{Tail()}");
            await Task.Delay(500, ct);
        }
    }

    private async Task<bool> ReadyAsync(HttpClient http, CancellationToken ct)
    {
        try { return (await http.GetAsync(new Uri(Http, "/health/ready"), ct)).StatusCode == HttpStatusCode.OK; }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return false; }
    }

    // grpc.health.v1.Health/Check with an empty request, over cleartext HTTP/2 as the kubelet's grpc probe sends it:
    // the answer's message is field 1 (status) = 1 (SERVING).
    private async Task<bool> ServingAsync(HttpClient http, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Grpc, "/grpc.health.v1.Health/Check"))
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[5]),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            return body.AsSpan().SequenceEqual(new byte[] { 0, 0, 0, 0, 2, 8, 1 });
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return false; }
    }

    /// <summary>The last lines of the log, for a failure message.</summary>
    public string Tail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var all = new StreamReader(stream).ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e) { return e.Message; }
    }

    /// <summary>Resident memory of the running process in MiB (Linux), or null.</summary>
    public long? ResidentMiB()
    {
        if (Pid is not { } pid) return null;
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }
}
