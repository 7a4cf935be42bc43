using System.Net.Http.Headers;
using System.Net.Http.Json;
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

namespace Governance.Grid.Tests.Infrastructure;

/// <summary>
/// The grid service on real Kestrel (loopback) and a fresh PostgreSQL database, trusting a test
/// issuer (discovery, JWKS and the roles document over HTTP). Its clock is a <see cref="TestClock"/>.
/// Starts with county 632801, street 001 and communities 002 and 003 in its copy of the org tree,
/// and two square grids in community 002.
/// </summary>
public sealed class GridHost : IAsyncDisposable
{
    public const string Street = "632801/001";
    public const string Community = "632801/001/002";
    public const string OtherCommunity = "632801/001/003";
    public const string Grid1 = "632801/001/002/001";
    public const string Department = "dept-urban-management";

    private readonly WebApplication _app;
    private readonly TestPostgres _database;

    private GridHost(WebApplication app, TestPostgres database, TestIssuer issuer, Uri http, Uri grpc)
    {
        _app = app;
        _database = database;
        Issuer = issuer;
        Http = http;
        Grpc = grpc;
    }

    public Uri Http { get; }
    public Uri Grpc { get; }
    public TestIssuer Issuer { get; }
    public TestClock Clock { get; private init; } = new();
    public IServiceProvider Services => _app.Services;

    public static async Task<GridHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var issuer = await TestIssuer.StartAsync(ct);
        issuer.Roles = GridRoles.Defaults();
        var database = await TestPostgres.CreateAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = "0",
            ["Hosting:GrpcPort"] = "0",
            ["ConnectionStrings:grid"] = database.ConnectionString,
            ["Auth:Issuer"] = issuer.Issuer,
            ["Auth:Audience"] = TestIssuer.Audience,
            // The tests scan deadlines themselves, with the clock they move.
            ["Grid:Incidents:DeadlineScanInterval"] = "01:00:00",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddGrpcServer();
        builder.AddGridService();
        builder.AddMessaging();
        var clock = new TestClock();
        builder.Services.AddSingleton<TimeProvider>(clock);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGridService();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GridDb>();
            await db.Database.EnsureCreatedAsync(ct);
            db.OrgNodes.AddRange(
                new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801", Name = "格尔木市", Level = "county" },
                new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Street, Name = "昆仑路街道", Level = "street" },
                new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Community, Name = "金峰社区", Level = "community" },
                new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = OtherCommunity, Name = "银峰社区", Level = "community" });
            await db.SaveChangesAsync(ct);
        }
        await app.StartAsync(ct);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        var host = new GridHost(app, database, issuer, new Uri(addresses[0]), new Uri(addresses[1])) { Clock = clock };
        var admin = host.ClientAs("admin-1", "632801", "admin");
        var imported = await admin.PostAsync($"/api/grid/cells/import?community={Community}",
            new StringContent(Cells.Features.Collection(Cells.Features.Square("001", 94.90, 36.40), Cells.Features.Square("002", 94.91, 36.40)),
                System.Text.Encoding.UTF8, "application/geo+json"), ct);
        imported.EnsureSuccessStatusCode();
        return host;
    }

    /// <summary>An HTTP client carrying a token for <paramref name="subject"/> at <paramref name="org"/> with <paramref name="roles"/>.</summary>
    public HttpClient ClientAs(string subject, string org, string role, string? department = null)
    {
        var client = new HttpClient { BaseAddress = Http };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.TokenFor(subject, org, [role], department));
        return client;
    }

    public async Task<T> QueryAsync<T>(Func<GridDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<GridDb>());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
