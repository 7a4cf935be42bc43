using System.Net;
using Governance.Console;
using Governance.Grpc.Server;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Gateway.Tests.Infrastructure;

/// <summary>The gateway on real Kestrel (loopback, ports chosen by the OS), composed as its Program.cs composes it.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, Uri http) => (_app, Http) = (app, http);

    public Uri Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="services">Service name → base address (Gateway:Services).</param>
    public static async Task<GatewayHost> StartAsync(IReadOnlyDictionary<string, string> services, IDictionary<string, string?>? settings = null)
    {
        // The gateway's application name: the console's files are found through its static web assets manifests
        // (Governance.Gateway.staticwebassets.*.json, copied beside the tests), as the real host finds them.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "Governance.Gateway" });
        var configuration = new Dictionary<string, string?> { ["Hosting:HttpPort"] = "0", ["Hosting:GrpcPort"] = "0" };
        foreach (var (name, address) in services) configuration[$"Gateway:Services:{name}"] = address;
        builder.Configuration.AddInMemoryCollection(configuration);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddGrpcServer();
        builder.AddGateway();
        var console = builder.AddConsoleWhenConfigured();

        var app = builder.Build();
        // As the chart's migration Job does before the pods start: the console's database (sessions, key ring).
        if (console) await SchemaCommands.MigrateAllAsync(app.Services, TestContext.Current.CancellationToken);
        app.MapDefaultEndpoints();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        if (console) app.MapConsole();
        app.MapGateway();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var http = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new GatewayHost(app, http);
    }

    /// <summary>A client of the gateway that neither keeps cookies nor follows redirects: the tests send and read them as they are.</summary>
    public HttpClient Client() => new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Http };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
