using Governance.Grpc.Server;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grpc.Health;

/// <summary>Maps the standard gRPC health service.</summary>
public static class GrpcHealthExtensions
{
    /// <summary>
    /// Maps <c>grpc.health.v1.Health</c> (Check and Watch), answering from the health checks tagged "ready".
    /// The service "" is the server; every gRPC service mapped on the host is known by its full name; any
    /// other name is NOT_FOUND on Check and SERVICE_UNKNOWN on Watch. Anonymous, like <c>/health/ready</c>:
    /// Kubernetes probes carry no token.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<GrpcHealthService>(HealthReflection.Descriptor.Services[0], s => s
                .Unary<HealthCheckRequest, HealthCheckResponse>("Check", (svc, req, ctx) => svc.Check(req, ctx))
                .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", (svc, req, writer, ctx) => svc.Watch(req, writer, ctx)))
            .AllowAnonymous()
            .DisableRateLimiting();
}
