using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Governance.Contracts.Population.V1;
using Grpc.Core;
using Google.Protobuf;
using Grpc.Net.Client;

namespace Governance.Bench.Population;

/// <summary>
/// The look-up calls the bench times: REST <c>POST /lookup</c>, gRPC <c>LookUpPerson</c> and a <c>GET /health/live</c>
/// round trip. By default they run in a process of their own (<see cref="ServeAsync"/>, started by <see cref="Remote"/>),
/// as a department's client would: the service's process then spends only the service's CPU and allocations, and its
/// gen0 collections are its own. <c>--in-process</c> calls from the service's process, as the bench did before.
/// </summary>
internal sealed class LookupClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly GrpcChannel _channel;
    private readonly PopulationService.PopulationServiceClient _grpc;
    private readonly Metadata _grpcHeaders;
    private readonly string _token;
    private readonly string[] _numbers;

    public LookupClient(Uri http, Uri grpc, string token, string[] numbers)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = http };
        _channel = GrpcChannel.ForAddress(grpc);
        _grpc = new PopulationService.PopulationServiceClient(_channel);
        _grpcHeaders = new Metadata { { "authorization", "Bearer " + token } };
        (_token, _numbers) = (token, numbers);
    }

    public Func<int, Task> Call(string kind) => kind switch
    {
        "rest" => RestLookupAsync,
        "grpc" => GrpcLookupAsync,
        "live" => LiveAsync,
        _ => throw new ArgumentException($"No call '{kind}'.", nameof(kind)),
    };

    private async Task RestLookupAsync(int i)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/population/persons/lookup")
        {
            Content = JsonContent.Create(new { documentNumber = _numbers[i % _numbers.Length], documentType = "resident_id", purpose = "case_handling" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private async Task GrpcLookupAsync(int i) => await _grpc.LookUpPersonAsync(Request(_numbers[i % _numbers.Length]), _grpcHeaders);

    private async Task LiveAsync(int i)
    {
        using var response = await _http.GetAsync("/health/live");
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _channel.Dispose();
        _http.Dispose();
    }

    /// <summary>
    /// The client process's loop: reads <c>kind callers count</c> lines on stdin, answers each with one line of
    /// <see cref="Round"/> figures (its own CPU and allocations), until stdin ends. Arguments: <c>--client http grpc</c>;
    /// the token and the numbers come on stdin's first two lines (the numbers comma-separated).
    /// </summary>
    public static async Task ServeAsync(string[] args)
    {
        var token = Console.ReadLine() ?? throw new InvalidOperationException("No token on stdin.");
        var numbers = (Console.ReadLine() ?? "").Split(',');
        using var client = new LookupClient(new Uri(args[1]), new Uri(args[2]), token, numbers);
        while (Console.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            var round = await Round.RunAsync(int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), client.Call(parts[0]));
            Console.WriteLine(round.Wire());
        }
    }

    /// <summary>Starts the client process (this executable with <c>--client</c>) and hands it the token and the numbers.</summary>
    public static Remote Start(Uri http, Uri grpc, string token, string[] numbers)
    {
        // This executable, or `dotnet` with this assembly when started without an apphost.
        var self = Environment.ProcessPath!;
        string[] arguments = ["--client", http.ToString(), grpc.ToString()];
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") arguments = [typeof(LookupClient).Assembly.Location, .. arguments];
        var process = Process.Start(new ProcessStartInfo(self, arguments)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        process.StandardInput.WriteLine(token);
        process.StandardInput.WriteLine(string.Join(',', numbers));
        return new Remote(process);
    }

    /// <summary>
    /// Starts <c>lookup_client.py</c>, gRPC look-ups from Debian's python3-grpcio (gRPC's C core): the same rounds from
    /// a client whose own CPU per call is not Grpc.Net.Client's, to tell the service's share of the tail from the client's.
    /// It is handed the requests serialised, so it needs no protoc output.
    /// </summary>
    public static Remote StartPython(Uri grpc, string token, string[] numbers)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "lookup_client.py"), $"{grpc.Host}:{grpc.Port}"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        process.StandardInput.WriteLine(token);
        process.StandardInput.WriteLine(string.Join(',', numbers.Select(n => Convert.ToHexString(Request(n).ToByteArray()))));
        return new Remote(process);
    }

    private static LookUpPersonRequest Request(string number) =>
        new() { DocumentNumber = number, DocumentType = "resident_id", Purpose = "case_handling" };

    /// <summary>The client process, asked for one round at a time.</summary>
    public sealed class Remote(Process process) : IDisposable
    {
        public async Task<Round> RunAsync(string kind, int callers, int count)
        {
            await process.StandardInput.WriteLineAsync($"{kind} {callers} {count}");
            var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException($"The client process ended (exit code {ExitCode()}).");
            return Round.FromWire(line);
        }

        private string ExitCode() => process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "none yet";

        public void Dispose()
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000)) process.Kill();
            process.Dispose();
        }
    }
}

/// <summary>
/// One timed round: <c>count</c> calls from <c>callers</c> concurrent callers; p50/p99 latency, calls/s, and this
/// process's CPU, allocation and gen0 collections per call over the round (steadier than latency on a shared machine).
/// </summary>
internal sealed record Round(double P50, double P99, double PerSecond, double CpuMs, double AllocatedKb, int Gen0, double PausedMs,
    SlowCall[] Slow)
{
    public static async Task<Round> RunAsync(int callers, int count, Func<int, Task> call)
    {
        var calls = new SlowCall[count];
        var next = -1;
        var usage = Usage.Now();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var paused = GC.GetTotalPauseDuration();
                var started = Stopwatch.GetTimestamp();
                await call(i);
                calls[i] = new SlowCall(started, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var used = Usage.Now() - usage;
        Array.Sort(calls, (a, b) => a.Ms.CompareTo(b.Ms));
        // The slowest 2 % kept for the tail's explanation (TailProbe): when each started and what this process paused meanwhile.
        var slow = calls[(int)(count * 0.98)..];
        return new Round(calls[count / 2].Ms, calls[(int)(count * 0.99)].Ms, count / seconds, used.CpuMs / count, used.AllocatedKb / count, used.Gen0,
            used.PausedMs, slow);
    }

    public string Wire() => string.Join(' ', new[] { P50, P99, PerSecond, CpuMs, AllocatedKb, Gen0, PausedMs }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) +
        " " + string.Join(';', Slow.Select(c => FormattableString.Invariant($"{c.Started},{c.Ms:R},{c.PausedMs:R}")));

    public static Round FromWire(string line)
    {
        var parts = line.Split(' ');
        var v = parts[..7].Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var slow = parts.Length < 8 || parts[7].Length == 0 ? [] : parts[7].Split(';').Select(c => c.Split(',')).Select(c =>
            new SlowCall(long.Parse(c[0], CultureInfo.InvariantCulture), double.Parse(c[1], CultureInfo.InvariantCulture), double.Parse(c[2], CultureInfo.InvariantCulture))).ToArray();
        return new Round(v[0], v[1], v[2], v[3], v[4], (int)v[5], v[6], slow);
    }

    /// <summary>The line the bench prints; <paramref name="client"/> the client process's own figures, when it ran apart.</summary>
    public string Line(Usage.Delta? service = null, int count = 1, Round? client = null)
    {
        var (cpu, kb, gen0, paused) = service is { } s ? (s.CpuMs / count, s.AllocatedKb / count, s.Gen0, s.PausedMs) : (CpuMs, AllocatedKb, Gen0, PausedMs);
        var whose = client is null ? "this process, client and service" : "service";
        var clientPart = client is null ? "" : $"; client CPU {client.CpuMs:F2} ms, {client.AllocatedKb:F0} KB";
        return $"p50 {P50,6:F2}  p99 {P99,6:F2}  ({PerSecond,7:F0}/s; {whose} CPU {cpu:F2} ms, {kb:F0} KB allocated per call, {gen0} gen0 GCs pausing {paused:F0} ms in all{clientPart})";
    }
}

/// <summary>
/// One call of a round: when it started (<see cref="Stopwatch.GetTimestamp"/>, the monotonic clock every process on the
/// machine shares, so the service's side can be matched to it), how long it took, and this process's GC pauses meanwhile.
/// </summary>
internal readonly record struct SlowCall(long Started, double Ms, double PausedMs);

/// <summary>This process's CPU time, allocated bytes, gen0 collections and time paused for collections so far.</summary>
internal readonly record struct Usage(TimeSpan Cpu, long Allocated, int Gen0, TimeSpan Paused)
{
    public static Usage Now() => new(Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(true), GC.CollectionCount(0),
        GC.GetTotalPauseDuration());

    public static Delta operator -(Usage after, Usage before) =>
        new((after.Cpu - before.Cpu).TotalMilliseconds, (after.Allocated - before.Allocated) / 1024.0, after.Gen0 - before.Gen0,
            (after.Paused - before.Paused).TotalMilliseconds);

    public readonly record struct Delta(double CpuMs, double AllocatedKb, int Gen0, double PausedMs);
}
