using System.Net.Http.Headers;
using Governance.Grid;
using Governance.Grid.Data;
using Governance.Grid.Org;
using Governance.Grpc.Server;
using Governance.Messaging.Bus;
using Governance.ServiceDefaults;
using Governance.Testing;
using Governance.Testing.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Bench.GridIncidents;

/// <summary>
/// The grid service as its host composes it (Kestrel HTTP/1.1 + h2c gRPC, PostgreSQL, RabbitMQ),
/// on a fresh database, trusting a test issuer; one community with one grid of about 10 × 11 km,
/// so that reports scattered over it are rarely each other's duplicates.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    public const string Prefix = "bench-grid-incidents";
    private readonly WebApplication _app;
    private readonly TestPostgres _database;

    private BenchHost(WebApplication app, TestPostgres database, TestIssuer issuer, Uri http, Uri grpc) =>
        (_app, _database, Issuer, Http, Grpc) = (app, database, issuer, http, grpc);

    public TestIssuer Issuer { get; }
    public Uri Http { get; }
    public Uri Grpc { get; }

    public static async Task<BenchHost> StartAsync(string rabbitmq)
    {
        var issuer = await TestIssuer.StartAsync();
        issuer.Roles = IdentityRoles.Catalogue();
        var database = await TestPostgres.CreateAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = "0",
            ["Hosting:GrpcPort"] = "0",
            ["ConnectionStrings:grid"] = database.ConnectionString,
            ["ConnectionStrings:rabbitmq"] = rabbitmq,
            ["Messaging:ServiceName"] = Prefix,
            ["Auth:Issuer"] = issuer.Issuer,
            ["Auth:Audience"] = TestIssuer.Audience,
        });
        builder.AddServiceDefaults();
        builder.AddGrpcServer();
        builder.AddGridService();
        builder.AddMessaging();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGridService();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GridDb>();
            await db.Database.EnsureCreatedAsync();
            db.OrgNodes.AddRange(
                new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801", Name = "格尔木市", Level = "county" },
                new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801/001", Name = "昆仑路街道", Level = "street" },
                new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801/001/002", Name = "金峰社区", Level = "community" });
            await db.SaveChangesAsync();
        }
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        var host = new BenchHost(app, database, issuer, new Uri(addresses[0]), new Uri(addresses[1]));
        using var admin = host.Client(issuer.TokenFor("admin", "632801", ["admin"]));
        const string square = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"sequence":"001","name":"第001网格","type":"mixed","households":400},
             "geometry":{"type":"Polygon","coordinates":[[[94.85,36.35],[94.95,36.35],[94.95,36.45],[94.85,36.45],[94.85,36.35]]]}}]}
            """;
        (await admin.PostAsync("/api/grid/cells/import?community=632801/001/002",
            new StringContent(square, System.Text.Encoding.UTF8, "application/geo+json"))).EnsureSuccessStatusCode();
        return host;
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = Http };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        await Issuer.DisposeAsync();
        await TestRabbitMq.DeleteQueuesAsync(new[] { "org-node-created", "org-node-changed", "org-node-retired" }
            .SelectMany(q => new[] { $"{Prefix}-{q}", $"{Prefix}-{q}_error", $"{Prefix}-{q}_skipped" }).ToArray());
    }
}
