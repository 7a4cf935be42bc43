using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Bench.Population;
using Governance.Population;
using Governance.Population.Data;
using Governance.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

// A million (--rows) synthetic persons of the demo county imported from xlsx and then, on an emptied
// table, from CSV, through the REST upload and the import job (rows/s from upload to done, with the
// validating and importing phases; peak working set and GC allocation of this process, which hosts the
// service). Then identity-number look-ups over the imported persons: REST POST /lookup and gRPC
// LookUpPerson, one caller and --callers concurrent ones, p50/p99 beside a GET /health/live round trip
// of the same run. Each look-up writes its access-log row, as in production.
// Needs PostgreSQL on 127.0.0.1 (bench/run-population.sh starts it); population runs on the shared ServiceTestHost.
// The look-ups are called from a client process of their own (LookupClient), unless --in-process.
if (args.FirstOrDefault() == "--client")
{
    await LookupClient.ServeAsync(args);
    return;
}
var rows = ArgInt("--rows", 1_000_000);
var lookups = ArgInt("--lookups", 2_000);
var callers = ArgInt("--callers", 4);
// --formats csv skips the xlsx import (the look-ups need the persons of one import only).
var formats = (ArgString("--formats") ?? "xlsx,csv").Split(',', StringSplitOptions.RemoveEmptyEntries);
// --calls grpc (or rest, live, commit, pygrpc, nosync, a list) measures only those: a profiler attached meanwhile sees one
// kind of call. pygrpc is LookUpPerson from python3-grpcio (lookup_client.py), a client apart from the bench's own.
var inProcess = args.Contains("--in-process");
var kinds = (ArgString("--calls") ?? "live,commit,rest,grpc,pygrpc,nosync").Split(',', StringSplitOptions.RemoveEmptyEntries);
static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
var service = new ServiceUnderTest("population", b => b.AddPopulationService(), a => a.MapPopulationService());
await using var host = await ServiceTestHost<PopulationDb>.StartAsync(service, new ServiceTestHostOptions
{
    RealClock = true,
    Settings = new Dictionary<string, string?>
    {
        ["Population:Protection:Keys:1:Key"] = Key(), ["Population:Protection:LookupKey"] = Key(),
        ["Population:Imports:MaxUploadMegabytes"] = "2048", ["Logging:LogLevel:Default"] = "Warning",
    },
});
var leaderToken = host.Issuer.TokenFor("bench-leader", "632801", ["grid_leader"]);
var investigatorToken = host.Issuer.TokenFor("bench-investigator", "632801", ["investigator"]);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = host.Http, Timeout = TimeSpan.FromMinutes(30) };

var folder = Directory.CreateTempSubdirectory("governance-bench-population").FullName;
try
{
    foreach (var type in new[] { ExcelType.XLSX, ExcelType.CSV }.Where(t => formats.Contains(t == ExcelType.CSV ? "csv" : "xlsx")))
    {
        var file = Path.Combine(folder, type == ExcelType.CSV ? "persons.csv" : "persons.xlsx");
        var writing = Stopwatch.StartNew();
        SyntheticPersons.Write(file, rows, type);
        Console.WriteLine($"{type}: {rows:N0} persons written in {writing.Elapsed.TotalSeconds:N1} s ({new FileInfo(file).Length / 1048576.0:N0} MB)");
        await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("TRUNCATE persons CASCADE"));
        GC.Collect();
        await ImportAsync(file, type == ExcelType.CSV ? "csv" : "xlsx");
    }

    // The look-ups are timed at steady state: after a bulk load PostgreSQL's checkpointer spends a minute or more writing
    // the import's pages out, and autovacuum then visits the million new rows, and either's disk writes slow every
    // commit's flush meanwhile (a run without this caught the checkpoint in the slowest 2 % of look-ups, all of it
    // PostgreSQL time). --unsettled times them straight after the import instead.
    if (!args.Contains("--unsettled"))
    {
        var settling = Stopwatch.StartNew();
        await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) persons"));
        await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("CHECKPOINT"));
        Console.WriteLine($"Settled after the import (VACUUM ANALYZE persons, CHECKPOINT) in {settling.Elapsed.TotalSeconds:N1} s");
    }
    var numbers = Enumerable.Range(0, lookups).Select(_ => SyntheticPersons.ResidentId(Random.Shared.Next(rows))).ToArray();
    using var local = inProcess ? new LookupClient(host.Http, host.Grpc, investigatorToken, numbers) : null;
    using var remote = inProcess ? null : LookupClient.Start(host.Http, host.Grpc, investigatorToken, numbers);
    using var python = inProcess || !kinds.Contains("pygrpc") ? null : LookupClient.StartPython(host.Grpc, investigatorToken, numbers);
    using var probe = inProcess ? null : new TailProbe();
    // --allocations: the types the service allocates in each round, sampled by the runtime (AllocationSampler).
    using var sampler = args.Contains("--allocations") ? new AllocationSampler() : null;
    async Task<string> MeasureAsync(string kind, int n, int count)
    {
        if (local is not null) return (await Round.RunAsync(n, count, local.Call(kind))).Line();
        probe!.Clear();
        sampler?.Start();
        var before = Usage.Now();
        var round = kind == "pygrpc" ? await python!.RunAsync("grpc", n, count) : await remote!.RunAsync(kind, n, count);
        var line = round.Line(Usage.Now() - before, count, round) + Environment.NewLine + probe.Explain(round.Slow);
        return sampler is null ? line : line + Environment.NewLine + sampler.Stop();
    }
    // The floor under every look-up: its access-log row is committed (fsync'd) before the answer. One INSERT
    // committed on its own, from a pooled connection, is what that costs on this machine's disk.
    await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS bench_commits (id bigserial PRIMARY KEY, at timestamptz NOT NULL)"));
    async Task CommitAsync(int i) => await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("INSERT INTO bench_commits (at) VALUES (now())"));
    async Task<string> CommitRoundAsync(int n, int count) => (await Round.RunAsync(n, count, CommitAsync)).Line();

    // Warm-up: JIT, connection pools, the role catalogue's cache. Long enough (--warmup, 1,000 calls of each kind) and
    // followed by a pause for the tiered JIT's background compilations to finish: with 200 calls the first measured
    // round still paid for them in its CPU per call.
    var warmup = ArgInt("--warmup", 1_000);
    await MeasureAsync("rest", callers, warmup);
    await MeasureAsync("grpc", callers, warmup);
    await MeasureAsync("live", callers, warmup);
    if (python is not null) await MeasureAsync("pygrpc", callers, warmup);
    await CommitRoundAsync(callers, warmup);
    await Task.Delay(TimeSpan.FromSeconds(2));
    Console.WriteLine($"Look-ups over {rows:N0} persons, {lookups:N0} each (p50 / p99 ms; calls/s), service process {Environment.ProcessId}, " +
        (inProcess ? "calls from within it:" : "calls from a client process:"));
    foreach (var n in new[] { 1, callers })
    {
        if (kinds.Contains("live")) Console.WriteLine($"  {n} caller(s): GET /health/live  {await MeasureAsync("live", n, lookups)}");
        if (kinds.Contains("commit")) Console.WriteLine($"  {n} caller(s): INSERT + COMMIT   {await CommitRoundAsync(n, lookups)}");
        if (kinds.Contains("rest")) Console.WriteLine($"  {n} caller(s): REST POST /lookup {await MeasureAsync("rest", n, lookups)}");
        if (kinds.Contains("grpc")) Console.WriteLine($"  {n} caller(s): gRPC LookUpPerson {await MeasureAsync("grpc", n, lookups)}");
        if (python is not null) Console.WriteLine($"  {n} caller(s): gRPC from Python {await MeasureAsync("pygrpc", n, lookups)}");
    }
    // The same calls with the database told not to wait for the disk at commit (bench only, never the service's
    // setting): what a look-up costs above its fsync, i.e. on a disk whose flush is nearly free (a controller with a
    // battery-backed cache, an NVMe drive with power-loss protection).
    if (kinds.Contains("nosync"))
    {
        var database = await host.QueryAsync(db => Task.FromResult(db.Database.GetDbConnection().Database));
        // An identifier cannot be a parameter; the test host names its own database, quoted here.
#pragma warning disable EF1003
        var quoted = "\"" + database.Replace("\"", "\"\"") + "\"";
        await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("ALTER DATABASE " + quoted + " SET synchronous_commit = off"));
        Npgsql.NpgsqlConnection.ClearAllPools();
        await MeasureAsync("rest", callers, 200);
        await MeasureAsync("grpc", callers, 200);
        Console.WriteLine("Without waiting for the disk at commit (synchronous_commit off, for comparison only):");
        Console.WriteLine($"  1 caller(s): INSERT + COMMIT   {await CommitRoundAsync(1, lookups)}");
        Console.WriteLine($"  1 caller(s): REST POST /lookup {await MeasureAsync("rest", 1, lookups)}");
        Console.WriteLine($"  1 caller(s): gRPC LookUpPerson {await MeasureAsync("grpc", 1, lookups)}");
        if (python is not null) Console.WriteLine($"  1 caller(s): gRPC from Python {await MeasureAsync("pygrpc", 1, lookups)}");
        await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("ALTER DATABASE " + quoted + " RESET synchronous_commit"));
#pragma warning restore EF1003
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

async Task ImportAsync(string file, string format)
{
    var allocated = GC.GetTotalAllocatedBytes();
    var clock = Stopwatch.StartNew();
    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/population/imports?kind=persons&org=632801&format={format}")
    {
        Content = new StreamContent(File.OpenRead(file)),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", leaderToken);
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    var uploaded = clock.Elapsed;
    TimeSpan? importing = null;
    JsonElement job;
    while (true)
    {
        using var poll = new HttpRequestMessage(HttpMethod.Get, $"/api/population/imports/{id}");
        poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", leaderToken);
        using var answer = await http.SendAsync(poll);
        job = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var status = job.GetProperty("status").GetString();
        if (status == "importing") importing ??= clock.Elapsed;
        if (status is "done" or "rejected" or "failed") break;
        await Task.Delay(200);
    }
    var total = clock.Elapsed;
    if (job.GetProperty("status").GetString() != "done") throw new InvalidOperationException($"The import ended {job}");
    var stored = await host.QueryAsync(db => db.Persons.CountAsync());
    var validating = (importing ?? total) - uploaded;
    Console.WriteLine($"{format}: {stored:N0} persons stored in {total.TotalSeconds:N1} s = {stored / total.TotalSeconds:N0} rows/s " +
        $"(upload {uploaded.TotalSeconds:N1} s, validating {validating.TotalSeconds:N1} s, importing {(total - (importing ?? total)).TotalSeconds:N1} s); " +
        $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MB, GC allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1048576:N0} MB");
}

string? ArgString(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int ArgInt(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
