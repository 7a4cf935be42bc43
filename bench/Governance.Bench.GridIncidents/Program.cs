using System.Net.Http.Headers;
using System.Net.Http.Json;
using Governance.Bench;
using Governance.Bench.GridIncidents;
using Governance.Contracts.Grid.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Governance.Testing;

// Incidents reported per second with their IncidentReported events delivered: N reports from C
// concurrent callers through gRPC, then the same through REST, alternating for R rounds, each
// timed from the first call until a RabbitMQ consumer outside the service has counted all N
// events (every report commits its row, its timeline line and its events through the outbox).
// Usage: bench/run-grid-incidents.sh [reports per round=2000] [callers=16] [rounds=2]
var n = args.Length > 0 ? int.Parse(args[0]) : 2000;
var callers = args.Length > 1 ? int.Parse(args[1]) : 16;
var rounds = args.Length > 2 ? int.Parse(args[2]) : 2;

var host = await BenchGrid.StartAsync(TestRabbitMq.ConnectionString);
try
{
    await using var counter = await EventCounter.StartAsync(TestRabbitMq.ConnectionString, "Governance.Contracts.Grid:IncidentReported", "bench-grid-incidents-counter");
    var token = host.Issuer.TokenFor("bench-operator", "632801", ["centre_operator"]);
    using var channel = GrpcChannel.ForAddress(host.Grpc);
    var grpc = new GridService.GridServiceClient(channel);
    var auth = new Metadata { { "authorization", "Bearer " + token } };
    using var rest = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = host.Http,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };
    var categories = new[] { "city_appearance", "public_facilities", "street_order", "environment" };

    ReportIncidentRequest Request(int i)
    {
        var random = new Random(i);
        return new ReportIncidentRequest
        {
            Source = "department", Category = categories[i % categories.Length], Title = $"巡查发现问题 {i}", Description = "压测上报",
            Latitude = 36.35 + random.NextDouble() * 0.1, Longitude = 94.85 + random.NextDouble() * 0.1, Address = "昆仑路",
        };
    }

    Task ViaGrpc(int i) => grpc.ReportIncidentAsync(Request(i), auth).ResponseAsync;

    async Task ViaRest(int i)
    {
        var r = Request(i);
        using var response = await rest.PostAsJsonAsync("/api/grid/incidents", new
        {
            source = r.Source, category = r.Category, title = r.Title, description = r.Description, latitude = r.Latitude, longitude = r.Longitude, address = r.Address,
        });
        response.EnsureSuccessStatusCode();
    }

    async Task Round(string via, Func<int, Task> call, int count, int seed, bool print)
    {
        var result = await TimedRound.RunAsync(counter, $"{via}: IncidentReported", callers, count, i => call(seed + i));
        if (print) Console.WriteLine($"{via,-5} {count,6} reports, {callers,3} callers: {result.Line("incidents")}");
    }

    Console.WriteLine($"grid incidents: PostgreSQL + RabbitMQ, {Environment.ProcessorCount} cores, client, server and broker on this machine");
    await Round("grpc", ViaGrpc, 300, 1_000_000, print: false);   // warm-up, both paths
    await Round("rest", ViaRest, 300, 2_000_000, print: false);
    for (var r = 0; r < rounds; r++)
    {
        await Round("grpc", ViaGrpc, n, 10_000_000 * (r + 1), print: true);
        await Round("rest", ViaRest, n, 10_000_000 * (r + 1) + 5_000_000, print: true);
    }
}
finally
{
    await host.DisposeAsync();
    await BenchGrid.DeleteQueuesAsync();
}
