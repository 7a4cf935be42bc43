using Governance.Gateway.Health;
using Governance.Gateway.Problems;
using Governance.Gateway.Routing;
using Governance.ServiceDefaults.Health;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Governance.Gateway;

/// <summary>The gateway, as its host composes it: YARP routes from Gateway:Services, its readiness, its own refusals.</summary>
public static class GatewayExtensions
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidation>();
        builder.Services.AddSingleton<IProxyConfigProvider, GatewayProxyConfig>();
        builder.Services.AddReverseProxy();
        builder.Services.AddSingleton<IForwarderHttpClientFactory, GatewayHttpClientFactory>();
        // Readiness asks every service every 5 s (the gRPC health publisher) and on every probe: four log lines a call is noise.
        builder.Services.AddHttpClient(DestinationsHealthCheck.HttpClientName).RemoveAllLoggers();
        // YARP logs each forwarded request at Information; its failures (Warning) are what an operator needs.
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        // Its warning that without Auth:Issuer protected endpoints answer 401 is not news here: the gateway protects
        // nothing itself (every route is anonymous, the services behind it check the tokens).
        builder.Logging.AddFilter("Governance.ServiceDefaults.Auth.AuthStartupCheck", LogLevel.Error);
        builder.Services.AddHealthChecks().AddCheck<DestinationsHealthCheck>("services", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // YARP reads its routes here, before the host starts: a wrong Gateway:Services fails now, naming each mistake.
        _ = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        app.MapReverseProxy(proxy => proxy.UseForwardingProblems());
        app.MapUnknownPaths();
        return app;
    }
}
