using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Health;
using Governance.ServiceDefaults.Hosting;
using Governance.ServiceDefaults.Limits;
using Governance.ServiceDefaults.Problems;
using Governance.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Governance.ServiceDefaults;

/// <summary>What every Governance host, standalone or per service, is made of.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Adds telemetry, JSON logs, health checks, the HTTP and gRPC listeners, forwarded headers from
    /// trusted proxies, bearer-token authentication with org-scope authorization, problem details
    /// and request limits.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddDefaultListeners();
        builder.AddTrustedProxies();
        builder.AddDefaultAuthentication();
        builder.AddDefaultProblemDetails();
        builder.AddDefaultLimits();
        return builder;
    }

    /// <summary>
    /// Adds the shared middleware and maps <c>/health/live</c> and <c>/health/ready</c>. Forwarded
    /// headers come first: everything after them (rate limits, the audit, problem details' links)
    /// sees the client's address and scheme.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseTrustedForwardedHeaders();
        app.UseDefaultProblemDetails();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        return app;
    }
}
