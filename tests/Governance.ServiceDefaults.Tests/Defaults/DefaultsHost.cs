using Governance.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.ServiceDefaults.Tests.Defaults;

/// <summary>A real Kestrel host on loopback, built with the service defaults, for one test.</summary>
public sealed class DefaultsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DefaultsHost(WebApplication app, Uri http, Uri grpc)
    {
        _app = app;
        Http = http;
        Grpc = grpc;
    }

    public Uri Http { get; }
    public Uri Grpc { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<DefaultsHost> StartAsync(
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? map = null,
        IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = "0",
            ["Hosting:GrpcPort"] = "0",
            ["Database:Directory"] = Path.Combine(Path.GetTempPath(), "governance-tests", Guid.NewGuid().ToString("n")),
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        map?.Invoke(app);
        await app.StartAsync(TestContext.Current.CancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        return new DefaultsHost(app, new Uri(addresses[0]), new Uri(addresses[1]));
    }

    public HttpClient Client() => new() { BaseAddress = Http };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
