using System.Security.Cryptography;
using Governance.Identity;
using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.ServiceDefaults;
using Governance.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Bench.Identity;

/// <summary>
/// The identity service on the shared <see cref="ServiceTestHost{TDb}"/>, its own token issuer, and
/// a consuming host that trusts it by its issuer URL, each on its own Kestrel on loopback, as in the tests.
/// </summary>
internal static class BenchHosts
{
    public const string ClientId = "bench-system";

    private static readonly ServiceUnderTest Service = new("identity", b => b.AddIdentityService(), a => a.MapIdentityService());

    /// <summary>Identity on a fresh PostgreSQL database with the root county and one client_credentials client, <see cref="ClientId"/> with <paramref name="secret"/>.</summary>
    /// <param name="clientCacheLifetime">Identity:OAuth:ClientCacheLifetime; zero reads the client from the database for every token.</param>
    public static async Task<ServiceTestHost<IdentityDb>> StartIdentityAsync(string secret, TimeSpan? clientCacheLifetime = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // The benchmark is one address sending as fast as it can: the per-address limit would measure itself.
            ["Identity:SignIn:TokenBurst"] = "1000000", ["Identity:SignIn:TokenRequestsPerMinute"] = "60000000",
            ["Identity:SignIn:UserNameBurst"] = "1000000", ["Identity:SignIn:UserNameRequestsPerMinute"] = "60000000",
            // Issuing 10,000 tokens and the rounds after take longer than the default five minutes.
            ["Identity:AccessTokenLifetime"] = "01:00:00",
            // Every token issued would log a line; logging is not what is measured.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // Only when given: a null value would bind as zero, not as the default.
        if (clientCacheLifetime is { } lifetime) settings["Identity:OAuth:ClientCacheLifetime"] = lifetime.ToString("c");
        var host = await ServiceTestHost<IdentityDb>.StartAsync(Service, new ServiceTestHostOptions { SelfIssued = true, RealClock = true, Settings = settings });
        await host.SeedAsync(db =>
        {
            db.OrgNodes.Add(new OrgNode { Code = "632801", Path = "632801", Name = "格尔木市", Level = OrgLevel.County, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            db.Set<Client>().Add(new Client
            {
                ClientId = ClientId, Name = "Bench", SecretHash = ClientSecrets.Hash(secret), GrantTypes = "client_credentials",
                Scopes = "incident.read grid.read", OrgPath = "632801", Roles = "centre_operator", CreatedAt = DateTime.UtcNow,
            });
        });
        // Its OpenIddict application, as the bootstrap registers every client's at start.
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Governance.Identity.OAuth.ClientApplications>().EnsureAllAsync(CancellationToken.None);
        return host;
    }

    /// <summary>
    /// A host with the service defaults alone (not a service: no gRPC, bus or database beside what is measured)
    /// that trusts the identity host by its issuer URL: <c>/authenticated</c> needs a token, <c>/anonymous</c> does not.
    /// </summary>
    /// <param name="cacheSize">Auth:ValidatedTokenCacheSize: 0 for JwtBearer alone.</param>
    public static async Task<(WebApplication App, Uri Http)> StartConsumerAsync(string issuer, int cacheSize)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        // Every refused or accepted token would log a line; logging is not what is measured.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
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
}
