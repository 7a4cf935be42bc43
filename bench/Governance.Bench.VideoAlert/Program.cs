using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Bench.VideoAlert;
using Governance.Testing;
using Governance.Testing.Hosting;
using Governance.VideoAlert;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Sip;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Alarms accepted durably per second with grouping: N alarms from SIPp over SIP UDP (a lower platform forwarding its
// cameras' alarms; each answered 200 only after its alarm and its alert's fold are committed), then N over the webhook
// from C concurrent callers in this process, then for 5 s from wrk (a process of its own) on as many connections as SIPp keeps alarms in flight, against N bare one-row commits from C callers in the same database (the baseline: what
// the disk's commit costs on this machine now). Then alarm → incident: alarms at a steady rate, each the first of its
// camera and kind, routed through grid's ReportIncident; latency is the router's RoutedAt minus the alarm's ReceivedAt.
// Beside each rate: this process's CPU time per alarm (service, grid host and in-process clients; SIPp runs outside it),
// which the machine's other load does not change as it changes the rates. 0 latency seconds skips the latency run.
// Usage: bench/run-videoalert.sh [alarms per round=20000, 0 for the latency run alone] [webhook callers=32] [latency rate/s=100] [latency seconds=20]
var n = args.Length > 0 ? int.Parse(args[0]) : 20_000;
var callers = args.Length > 1 ? int.Parse(args[1]) : 32;
var rate = args.Length > 2 ? int.Parse(args[2]) : 100;
var seconds = args.Length > 3 ? int.Parse(args[3]) : 20;
const int Cameras = 1_000;
const int InFlight = 200;

var grid = await BenchHosts.StartGridAsync();
var host = await BenchHosts.StartVideoAlertAsync(grid);
try
{
    await BenchCameras.SeedAsync(host, Cameras + rate * seconds);
    var sip = host.Services.GetRequiredService<SipHostedService>().UdpEndPoint!;
    var intake = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SipIntakeOptions>>().Value;
    var sippPort = BenchHosts.FreeUdpPort();
    await SippFlood.RegisterAsync(sip, sippPort, intake.Domain, intake.PlatformId);
    using var admin = host.Client(grid.Issuer.TokenFor("bench-admin", "632801", ["admin"]));
    var created = await (await admin.PostAsJsonAsync("/api/videoalert/sources", new { name = "压测分析盒", orgPath = "632801" })).EnsureSuccessStatusCode()
        .Content.ReadFromJsonAsync<JsonElement>();
    var apiKey = created.GetProperty("apiKey").GetString()!;
    using var webhook = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = callers }) { BaseAddress = host.Http };
    webhook.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    var kinds = new[] { "intrusion", "abandoned_object" };
    var types = new[] { 6, 3 };   // GB/T 28181 video alarm types: intrusion, abandoned object

    // Every camera and kind in turn: 2,000 alerts, each folding N / 2,000 alarms.
    (string, int)[] SipRows(int count) => Enumerable.Range(0, count).Select(i => (BenchCameras.Id(1 + i % Cameras), types[i / Cameras % 2])).ToArray();
    var runs = 0;
    async Task<double> ViaSip(int count) => count / await SippFlood.FloodAsync(sip, sippPort, intake.Domain, intake.PlatformId, $"r{++runs}", count, InFlight, SipRows(count));
    async Task<double> ViaWebhook(int count, int seed) => count / await Concurrent.RunAsync(callers, count, async i =>
    {
        using var response = await webhook.PostAsJsonAsync("/api/videoalert/webhook/alarms", new
        {
            cameraId = BenchCameras.Id(1 + i % Cameras), eventId = $"bench-{seed}-{i}", kind = kinds[i / Cameras % 2], priority = 2,
            occurredAt = DateTimeOffset.UtcNow,
        });
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    });
    // The same over keep-alive connections from wrk, a process of its own (the callers' CPU is then the client's, not this process's),
    // as many as SIPp keeps alarms in flight.
    const int WrkSeconds = 5;
    async Task<(int, double)> ViaWrk(int seconds)
    {
        var run = $"r{++runs}";
        var (answered, perSecond) = await WrkFlood.FloodAsync(host.Http, apiKey, run, Cameras, InFlight, seconds);
        // Every alarm wrk saw answered 201 must be stored (a few more may have been in flight when it stopped).
        var stored = await host.QueryAsync(db => db.Alarms.CountAsync(a => a.Sn.StartsWith($"wrk-{run}-")));
        if (stored < answered) throw new InvalidOperationException($"wrk saw {answered} alarms answered, {stored} are stored");
        return (answered, perSecond);
    }
    var baseline = await BareCommits.PrepareAsync(host);
    var cpu = await CpuMeterAsync();
    async Task<double> Bare(int count) => count / await Concurrent.RunAsync(callers, count, baseline.InsertAsync);
    // Alarm → incident, with the CPU each alarm cost (its intake, routing and grid's ReportIncident, all in this process).
    async Task LatencyWithCpuAsync()
    {
        var (_, latencyCpu) = await cpu.PerCallAsync(rate * seconds, async () =>
        {
            await Latency.RunAsync(host, grid, webhook, first: Cameras + 1, rate, seconds);
            return 1;
        });
        Console.WriteLine($"alarm -> incident: CPU per alarm (intake, routing, grid's report): {latencyCpu}");
    }

    // 0 alarms per round: only the latency run (the intake rounds take minutes on a small machine), after a warm-up of
    // 500 intrusion alarms on the intake's cameras, so that it measures a warm intake, router and grid, as after the rounds.
    if (n == 0)
    {
        await ViaWebhook(500, 0);
        await LatencyWithCpuAsync();
        return;
    }
    Console.WriteLine($"video-alert intake: PostgreSQL, {Environment.ProcessorCount} cores, SIPp / HTTP clients, service and database on this machine; " +
        $"{Cameras} cameras x 2 kinds, SIPp {InFlight} in flight, {callers} webhook callers");
    await ViaSip(2_000); await ViaWebhook(2_000, 0); await ViaWrk(1); await Bare(2_000);   // warm-up
    // The warm-up raised the 2,000 alerts the rounds fold into, and the rules send each to grid as an incident. The rounds
    // start once they are all routed, so that they measure the intake alone (the latency part measures the routing).
    var afterWarmUp = await Latency.WaitForRouterAsync(host);
    // The router's pace in a storm of new alerts: from the first alert raised to the last routed, in the service's clock.
    var (raised, incidents, firstAt, lastRouted) = await host.QueryAsync(async db => (await db.Alerts.CountAsync(),
        await db.Alerts.CountAsync(a => a.RoutedTo == Governance.VideoAlert.Alerts.AlertRoutes.Incident),
        await db.Alerts.MinAsync(a => a.FirstAt), await db.Alerts.MaxAsync(a => a.RoutedAt)));
    var span = (lastRouted!.Value - firstAt).TotalSeconds;
    Console.WriteLine($"warm-up: {raised} new alerts, {incidents} routed to grid incidents, the last {afterWarmUp:F1} s after the warm-up's last alarm; " +
        $"first raised to last routed {span:F1} s ({incidents / span:F0} incidents/s while the warm-up's alarms came in)");
    for (var round = 1; round <= 2; round++)
    {
        var (s, sCpu) = await cpu.PerCallAsync(n, () => ViaSip(n));
        var (w, wCpu) = await cpu.PerCallAsync(n, () => ViaWebhook(n, round));
        var (k, kCpu) = await cpu.PerCallAsync(() => ViaWrk(WrkSeconds));
        var (b, bCpu) = await cpu.PerCallAsync(n, () => Bare(n));
        Console.WriteLine($"round {round}: SIP UDP {s,7:F0} alarms/s ({s / b:P0} of bare commits), webhook {w,7:F0} alarms/s ({w / b:P0}), " +
            $"webhook from wrk {k,7:F0} alarms/s ({k / b:P0}), bare one-row commits {b,7:F0}/s");
        Console.WriteLine($"round {round}: CPU per alarm, SIP UDP:    {sCpu}");
        Console.WriteLine($"round {round}: CPU per alarm, webhook:    {wCpu} (this process with its HTTP client)");
        Console.WriteLine($"round {round}: CPU per alarm, webhook wrk: {kCpu} (wrk's {InFlight} connections, {WrkSeconds} s)");
        Console.WriteLine($"round {round}: CPU per bare commit:       {bCpu} (this process with its Npgsql client)");
    }
    var (alarms, alerts, maxCount) = await host.QueryAsync(async db =>
        (await db.Alarms.CountAsync(), await db.Alerts.CountAsync(), await db.Alerts.MaxAsync(a => a.Count)));
    Console.WriteLine($"stored: {alarms} alarms folded into {alerts} alerts (largest count {maxCount})");

    if (seconds > 0) await LatencyWithCpuAsync();
}
finally
{
    await host.DisposeAsync();
    await grid.DisposeAsync();
}

// Every process an alarm costs: this one, SIPp, and PostgreSQL's backends of the bench's two databases and its background processes.
async Task<ProcessCpu> CpuMeterAsync()
{
    var videoAlert = await host.QueryAsync(db => Task.FromResult(db.Database.GetDbConnection().Database));
    var gridDb = await grid.QueryAsync(db => Task.FromResult(db.Database.GetDbConnection().Database));
    Console.WriteLine($"databases: video-alert {videoAlert}, grid {gridDb}");
    var server = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = "postgres", Pooling = false };
    return new ProcessCpu(server.ConnectionString, new HashSet<string> { videoAlert, gridDb });
}
