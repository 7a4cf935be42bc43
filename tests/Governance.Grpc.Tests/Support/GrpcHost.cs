using Governance.Grpc.Server;
using Governance.Grpc.Tests.Echo;
using Governance.ServiceDefaults;
using Governance.Testing.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grpc.Tests.Support;

/// <summary>
/// A real host on loopback built with the service defaults and the gRPC server, serving echo.proto,
/// plus the issuer whose tokens it trusts. Shared by a test class; each test makes its own calls.
/// </summary>
public class GrpcHost : IAsyncLifetime
{
    /// <summary>Small, so the size test need not send megabytes.</summary>
    public const int MaxReceiveMessageBytes = 64 * 1024;

    private WebApplication? _app;

    public TestIssuer Issuer { get; private set; } = null!;
    public Uri Http { get; private set; } = null!;
    public Uri Grpc { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    public string Token() => Issuer.Token();

    public async ValueTask InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = "0",
            ["Hosting:GrpcPort"] = "0",
            ["Grpc:MaxReceiveMessageBytes"] = MaxReceiveMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Configuration.AddInMemoryCollection(Issuer.Settings());
        builder.AddServiceDefaults();
        builder.AddGrpcServer();
        builder.Services.AddScoped<EchoService>();
        builder.Services.AddSingleton<CallProbe>();
        Configure(builder);

        _app = builder.Build();
        _app.MapDefaultEndpoints();
        Map(_app);
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Http = new Uri(addresses[0]);
        Grpc = new Uri(addresses[1]);
    }

    /// <summary>Lets a subclass add services.</summary>
    protected virtual void Configure(WebApplicationBuilder builder) { }

    /// <summary>Maps echo.proto; a subclass may add conventions.</summary>
    protected virtual void Map(WebApplication app) => MapEcho(app);

    protected static IEndpointConventionBuilder MapEcho(WebApplication app) =>
        app.MapGrpcService<EchoService>(EchoReflection.Descriptor.Services[0], s => s
            .Unary<SayRequest, SayReply>("Say", (svc, req, ctx) => svc.Say(req, ctx))
            .ServerStreaming<CountRequest, CountReply>("Count", (svc, req, writer, ctx) => svc.Count(req, writer, ctx)));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Issuer is not null) await Issuer.DisposeAsync();
    }
}
