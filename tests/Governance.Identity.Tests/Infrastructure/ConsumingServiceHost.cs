using Governance.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Identity.Tests.Infrastructure;

/// <summary>
/// Another service, as any of the platform's services is built: ServiceDefaults only, trusting the
/// identity host as its issuer (discovery, JWKS and the roles document over real HTTP).
/// </summary>
public sealed class ConsumingServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConsumingServiceHost(WebApplication app, Uri http)
    {
        _app = app;
        Http = http;
    }

    public Uri Http { get; }

    public static async Task<ConsumingServiceHost> StartAsync(IdentityHost identity, Action<WebApplication> map, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = "0",
            ["Hosting:GrpcPort"] = "0",
            ["Auth:Issuer"] = identity.Issuer,
            ["Auth:Audience"] = "governance",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new ConsumingServiceHost(app, new Uri(addresses.First()));
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Http };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
