using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Governance.Grpc.Client;

/// <summary>Registers the generated typed clients (<c>XxxService.XxxServiceClient</c>) the platform's way.</summary>
public static class GrpcClientExtensions
{
    /// <summary>The deadline of a call that sets none.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Registers <typeparamref name="TClient"/> on grpc-dotnet's client factory at <paramref name="address"/>
    /// (<c>http://</c> is cleartext HTTP/2): a default deadline of 30 s, the caller's bearer token from the
    /// request being served, the deadline and cancellation of the gRPC call being served
    /// (<c>EnableCallContextPropagation</c>; outside a call nothing is propagated), and retries on UNAVAILABLE
    /// for the rpcs <paramref name="service"/> marks idempotent (<see cref="IdempotentRetries"/>).
    /// OpenTelemetry client spans come from OpenTelemetry.Instrumentation.GrpcNetClient in ServiceDefaults.
    /// </summary>
    public static IHttpClientBuilder AddGovernanceGrpcClient<TClient>(this IServiceCollection services, ServiceDescriptor service, Uri address,
        TimeSpan? defaultDeadline = null)
        where TClient : ClientBase
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        var deadline = defaultDeadline ?? DefaultDeadline;
        return services.AddGrpcClient<TClient>(o => o.Address = address)
            .ConfigureChannel(o => o.ServiceConfig = IdempotentRetries.For(service))
            .AddInterceptor(sp => new OutgoingCallDefaults(
                sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>(), sp.GetRequiredService<TimeProvider>(), deadline))
            .EnableCallContextPropagation(o => o.SuppressContextNotFoundErrors = true);
    }
}
