using System.Security.Cryptography;
using Governance.Grpc.Server;
using Governance.Identity;
using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.Messaging.Bus;
using Governance.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Bench.Identity;

/// <summary>The identity service and a consuming service, each on its own Kestrel on loopback, as in the tests.</summary>
internal static class BenchHosts
{
    public const string ClientId = "bench-system";

    public static async Task<(WebApplication App, Uri Http, string Secret)> StartIdentityAsync(string connectionString, int port)
    {
        var builder = Quiet(WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" }));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = port.ToString(), ["Hosting:GrpcPort"] = "0",
            ["ConnectionStrings:identity"] = connectionString,
            ["Auth:Issuer"] = $"http://127.0.0.1:{port}", ["Auth:Audience"] = "governance",
            ["Identity:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // The benchmark is one address sending as fast as it can: the per-address limit would measure itself.
            ["Identity:SignIn:TokenBurst"] = "1000000", ["Identity:SignIn:TokenRequestsPerMinute"] = "60000000",
            // Issuing 10,000 tokens and the rounds after take longer than the default five minutes.
            ["Identity:AccessTokenLifetime"] = "01:00:00",
        });
        builder.AddServiceDefaults();
        builder.AddGrpcServer();
        builder.AddIdentityService();
        builder.AddMessaging();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIdentityService();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            await db.Database.EnsureCreatedAsync();
            db.OrgNodes.Add(new OrgNode { Code = "632801", Path = "632801", Name = "格尔木市", Level = OrgLevel.County, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var secret = ClientSecrets.NewSecret();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            db.Set<Client>().Add(new Client
            {
                ClientId = ClientId, Name = "Bench", SecretHash = ClientSecrets.Hash(secret), GrantTypes = "client_credentials",
                Scopes = "incident.read grid.read", OrgPath = "632801", Roles = "centre_operator", CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        await app.StartAsync();
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), secret);
    }

    /// <summary>A service that trusts the identity host by its issuer URL: <c>/authenticated</c> needs a token, <c>/anonymous</c> does not.</summary>
    /// <param name="cacheSize">Auth:ValidatedTokenCacheSize: 0 for JwtBearer alone.</param>
    public static async Task<(WebApplication App, Uri Http)> StartConsumerAsync(string issuer, int cacheSize)
    {
        var builder = Quiet(WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" }));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = "0", ["Hosting:GrpcPort"] = "0",
            ["Database:Directory"] = Path.Combine(Path.GetTempPath(), "governance-bench", Guid.NewGuid().ToString("n")),
            ["Auth:Issuer"] = issuer, ["Auth:Audience"] = "governance",
            ["Auth:ValidatedTokenCacheSize"] = cacheSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/authenticated", () => "ok");
        app.MapGet("/anonymous", () => "ok").AllowAnonymous();
        await app.StartAsync();
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    // Every refused or accepted token would log a line; logging is not what is measured.
    private static WebApplicationBuilder Quiet(WebApplicationBuilder builder)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder;
    }
}
