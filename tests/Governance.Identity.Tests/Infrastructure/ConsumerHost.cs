using System.Net.Http.Headers;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Identity.Tests.Infrastructure;

/// <summary>
/// Another service: a ServiceDefaults host on its own Kestrel that trusts the identity host only
/// through <c>Auth:Issuer</c> (discovery, then JWKS over HTTP). <c>GET /whoami</c> needs a token
/// and echoes what the token said; <c>GET /anonymous</c> needs none; <c>map</c> adds the endpoints a test needs.
/// </summary>
public sealed class ConsumerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConsumerHost(WebApplication app, Uri http)
    {
        _app = app;
        Http = http;
    }

    public Uri Http { get; }

    public sealed record WhoAmI(string Subject, string? Org, string[] Roles, string[] Scopes, string? ClientId, string[] Amr);

    public static async Task<ConsumerHost> StartAsync(string issuer, string audience = "governance",
        Action<WebApplication>? map = null, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = "0",
            ["Hosting:GrpcPort"] = "0",
            ["Database:Directory"] = Path.Combine(Path.GetTempPath(), "governance-tests", Guid.NewGuid().ToString("n")),
            ["Auth:Issuer"] = issuer,
            ["Auth:Audience"] = audience,
            // A rotated key must be fetched at once, not after the production floor of 30 s (1 s is the least IdentityModel takes).
            ["Auth:JwksMinRefreshInterval"] = "00:00:01",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/whoami", (HttpContext http) =>
        {
            var caller = http.Caller();
            return new WhoAmI(caller.Subject, caller.OrgPath?.Value, [.. caller.Roles.Order()], [.. caller.Scopes.Order()], caller.ClientId,
                [.. http.User.FindAll("amr").Select(c => c.Value)]);
        });
        app.MapGet("/anonymous", () => "ok").AllowAnonymous();
        map?.Invoke(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConsumerHost(app, new Uri(address));
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Http };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
