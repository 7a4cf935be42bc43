using Governance.Grpc.Health;
using Governance.Grpc.Reflection;
using Governance.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Grpc.Tests.Support;

/// <summary>A "ready" check the test turns on and off, standing in for a database.</summary>
public sealed class SwitchCheck : IHealthCheck
{
    public volatile bool Healthy = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off"));
}

/// <summary>The echo host plus the standard services (health, with one switchable "ready" check, and reflection).</summary>
public sealed class StandardGrpcHost : GrpcHost
{
    public SwitchCheck Switch { get; } = new();

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck("switch", Switch, tags: [HealthEndpoints.ReadyTag]);

    protected override void Map(WebApplication app)
    {
        MapEcho(app);
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
    }
}
