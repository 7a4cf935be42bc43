using Governance.Grpc.Server;
using Governance.Grpc.Status;
using Governance.ServiceDefaults.Health;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Governance.Grpc.Health;

/// <summary>
/// grpc.health.v1.Health over ASP.NET Core's health checks: the checks tagged "ready" decide the status
/// of the server ("") and of every mapped gRPC service alike, since they share the process's database and broker.
/// </summary>
internal sealed class GrpcHealthService(HealthCheckService health, GrpcServerRegistry registry)
{
    /// <summary>How often Watch re-runs the checks; the standard leaves it to the server.</summary>
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (!IsKnown(request.Service))
            throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
        return new HealthCheckResponse { Status = await StatusAsync(context.CancellationToken) };
    }

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> writer, ServerCallContext context)
    {
        var token = context.CancellationToken;
        ServingStatus? last = null;
        // Ends only when the caller cancels or its deadline passes, as the standard asks.
        while (true)
        {
            var status = IsKnown(request.Service) ? await StatusAsync(token) : ServingStatus.ServiceUnknown;
            if (status != last)
            {
                await writer.WriteAsync(new HealthCheckResponse { Status = status }, token);
                last = status;
            }
            await Task.Delay(WatchInterval, token);
        }
    }

    private bool IsKnown(string service) => service.Length == 0 || registry.Contains(service);

    private async Task<ServingStatus> StatusAsync(CancellationToken token)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(HealthEndpoints.ReadyTag), token);
        // Degraded still serves, as /health/ready answers 200 for it.
        return report.Status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
    }
}
