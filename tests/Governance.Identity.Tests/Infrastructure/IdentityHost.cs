using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using Governance.Grpc.Server;
using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.Identity.Tokens;
using Governance.Identity.Users;
using Governance.Messaging.Bus;
using Governance.ServiceDefaults;
using Governance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Identity.Tests.Infrastructure;

/// <summary>
/// The identity service on real Kestrel (loopback), on its own fresh PostgreSQL database, trusting
/// its own tokens through OIDC discovery over HTTP like any other service. Starts with the root
/// county 632801 (格尔木市).
/// </summary>
public sealed class IdentityHost : IAsyncDisposable
{
    public const string RootPath = "632801";

    private readonly WebApplication _app;
    private readonly TestPostgres _database;

    private IdentityHost(WebApplication app, TestPostgres database, Uri http, Uri grpc)
    {
        _app = app;
        _database = database;
        Http = http;
        Grpc = grpc;
    }

    public Uri Http { get; }
    public Uri Grpc { get; }
    public string Issuer => Http.ToString().TrimEnd('/');
    public IServiceProvider Services => _app.Services;

    /// <summary>What each save wrote to the audit trail and the outbox.</summary>
    public SaveRecorder Saves { get; private init; } = null!;

    /// <param name="settings">Configuration over the defaults.</param>
    /// <param name="seedRoot">False for tests of the bootstrap, which creates the root itself.</param>
    /// <param name="services">Runs after the service is added: replaces or adds services.</param>
    /// <param name="configure">Runs after the service is added: e.g. replaces <see cref="TimeProvider"/> with a <see cref="TestClock"/>.</param>
    public static async Task<IdentityHost> StartAsync(IDictionary<string, string?>? settings = null, bool seedRoot = true,
        Action<IServiceCollection>? services = null, Action<WebApplicationBuilder>? configure = null)
    {
        var database = await TestPostgres.CreateAsync();
        var port = FreePort();
        var issuer = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = port.ToString(),
            ["Hosting:GrpcPort"] = "0",
            ["ConnectionStrings:identity"] = database.ConnectionString,
            ["Auth:Issuer"] = issuer,
            ["Auth:Audience"] = "governance",
            // Tests rotate keys: the host must fetch a new kid at once, not after the production floor of 30 s (1 s is the least IdentityModel takes).
            ["Auth:JwksMinRefreshInterval"] = "00:00:01",
            ["Identity:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Messaging:RetryIntervalsMs:0"] = "50",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddGrpcServer();
        var recorder = new SaveRecorder();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(recorder);
        builder.AddIdentityService();
        builder.AddMessaging();
        services?.Invoke(builder.Services);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIdentityService();
        // The schema straight from the model: the migrations are checked against it in MigrationTests.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
            // What the migration adds beside the model (MERGE: the lead puts it in the migration).
            await db.Database.ExecuteSqlRawAsync(AuditAppendOnly.PostgreSqlTrigger, TestContext.Current.CancellationToken);
        }
        await app.StartAsync(TestContext.Current.CancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        var host = new IdentityHost(app, database, new Uri(addresses[0]), new Uri(addresses[1])) { Saves = recorder };
        if (seedRoot) await host.SeedAsync(db => db.OrgNodes.Add(new OrgNode
        {
            Code = RootPath, Path = RootPath, Name = "格尔木市", Level = OrgLevel.County, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        }));
        return host;
    }

    /// <summary>Writes straight to the service's database: test setup, not behaviour under test.</summary>
    public async Task SeedAsync(Action<IdentityDb> seed)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        seed(db);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async Task<T> QueryAsync<T>(Func<IdentityDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdentityDb>());
    }

    /// <summary>
    /// A real access token signed with the service's current key, for a staff member at
    /// <paramref name="org"/> with <paramref name="roles"/>: a shortcut past the sign-in for tests
    /// that are about what a token permits, not how it is obtained.
    /// </summary>
    public Task<string> TokenForAsync(string org, params string[] roles) =>
        TokenForSubjectAsync("u-" + Guid.NewGuid().ToString("n")[..8], org, roles);

    /// <summary>A token whose <c>sub</c> is <paramref name="subject"/>, e.g. a stored user's id.</summary>
    public async Task<string> TokenForSubjectAsync(string subject, string org, params string[] roles)
    {
        var factory = Services.GetRequiredService<AccessTokenFactory>();
        var token = await factory.CreateAsync(new AccessTokenClaims(
            subject, "测试用户", org, null, roles, ["openid"], ["pwd"], "console"), TestContext.Current.CancellationToken);
        return token.Token;
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Http };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<HttpClient> ClientAsAsync(string org, params string[] roles) => Client(await TokenForAsync(org, roles));

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
