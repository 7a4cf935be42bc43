using System.Net.Http.Headers;
using Governance.Grpc.Server;
using Governance.Mediation.Data;
using Governance.Messaging.Bus;
using Governance.ServiceDefaults;
using Governance.Testing.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Mediation.Tests.Infrastructure;

/// <summary>
/// The mediation service on real Kestrel (loopback) and a fresh PostgreSQL database, trusting a test
/// issuer (discovery, JWKS and the roles document over HTTP). Its clock is a <see cref="TestClock"/>.
/// </summary>
public sealed class MediationHost : IAsyncDisposable
{
    public const string County = "632801";
    public const string Street = "632801/001";
    public const string Community = "632801/001/002";
    public const string OtherCommunity = "632801/001/003";
    public const string Grid1 = "632801/001/002/001";

    private readonly WebApplication _app;
    private readonly TestPostgres? _database;

    private MediationHost(WebApplication app, TestPostgres? database, TestIssuer issuer, TestClock clock, Uri http, Uri grpc)
    {
        (_app, _database, Issuer, Clock, Http, Grpc) = (app, database, issuer, clock, http, grpc);
    }

    public Uri Http { get; }
    public Uri Grpc { get; }
    public TestIssuer Issuer { get; }
    public TestClock Clock { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="sqlite">On a SQLite file, as the standalone host runs, instead of PostgreSQL.</param>
    public static async Task<MediationHost> StartAsync(IDictionary<string, string?>? settings = null, bool sqlite = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var issuer = await TestIssuer.StartAsync(ct);
        issuer.Roles = MediationRoles.Defaults();
        var database = sqlite ? null : await TestPostgres.CreateAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = "0",
            ["Hosting:GrpcPort"] = "0",
            ["ConnectionStrings:mediation"] = database?.ConnectionString,
            ["Database:Directory"] = Path.Combine(Path.GetTempPath(), "governance-tests", Guid.NewGuid().ToString("n")),
            ["Auth:Issuer"] = issuer.Issuer,
            ["Auth:Audience"] = TestIssuer.Audience,
            ["Mediation:KeyEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddGrpcServer();
        builder.AddMediationService();
        builder.AddMessaging();
        var clock = new TestClock();
        builder.Services.AddSingleton<TimeProvider>(clock);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapMediationService();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MediationDb>().Database.EnsureCreatedAsync(ct);
        await app.StartAsync(ct);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        return new MediationHost(app, database, issuer, clock, new Uri(addresses[0]), new Uri(addresses[1]));
    }

    /// <summary>An HTTP client carrying a token for <paramref name="subject"/> at <paramref name="org"/> with <paramref name="role"/>.</summary>
    public HttpClient ClientAs(string subject, string org, string role, string? department = null)
    {
        var client = new HttpClient { BaseAddress = Http };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.TokenFor(subject, org, [role], department));
        return client;
    }

    public async Task<T> QueryAsync<T>(Func<MediationDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MediationDb>());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
