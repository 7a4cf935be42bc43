using System.IO.Compression;
using Governance.Grpc.Auth;
using Governance.ServiceDefaults.Health;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Grpc.Server;

/// <summary>Adds grpc-dotnet to a host with the platform's conventions.</summary>
public static class GrpcServerExtensions
{
    /// <summary>
    /// Adds grpc-dotnet (<c>AddGrpc</c>) with the 4 MiB receive limit, gzip both ways (unary replies from
    /// 1 KiB: <see cref="SmallReplyCompression"/>) and
    /// <see cref="DomainStatusInterceptor"/> and <see cref="TokenLifetimeInterceptor"/>; the standard health service over the checks tagged "ready"
    /// (the same as <c>/health/ready</c>) and server reflection; and makes refused gRPC calls answer
    /// with a gRPC status. Call after <c>AddServiceDefaults()</c>: it wraps the authorization result
    /// handler registered there. Map with <c>MapGrpcService&lt;T&gt;()</c>,
    /// <c>MapGrpcHealthChecksService().AllowAnonymous()</c> and <c>MapGrpcReflectionService().RequireAuthorization()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddGrpcServer(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GrpcServerOptions>().BindConfiguration(GrpcServerOptions.Section)
            .Validate(o => o.MaxReceiveMessageBytes > 0, "Grpc:MaxReceiveMessageBytes must be positive.")
            .ValidateOnStart();
        // Registered, so grpc-dotnet takes the one instance for every call instead of activating one per call.
        services.AddSingleton<DomainStatusInterceptor>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TokenLifetimeInterceptor>();
        services.AddSingleton<SmallReplyCompression>();
        services.AddGrpc(o =>
        {
            // gzip is among grpc-dotnet's default providers; replies are compressed only for callers that
            // list gzip in grpc-accept-encoding, at the cheapest level (messages here are small).
            o.ResponseCompressionAlgorithm = "gzip";
            o.ResponseCompressionLevel = CompressionLevel.Fastest;
            o.Interceptors.Add<DomainStatusInterceptor>();
            // Inside the status translation: a stream cut at its token's expiry ends UNAUTHENTICATED.
            o.Interceptors.Add<TokenLifetimeInterceptor>();
            // Small unary replies (most of them) skip gzip: compressing one cost more than sending it.
            o.Interceptors.Add<SmallReplyCompression>();
        });
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<GrpcServerOptions>>((o, ours) => o.MaxReceiveMessageSize = ours.Value.MaxReceiveMessageBytes);

        // Check and Watch answer the "ready" checks as the health-check publisher last ran them (every
        // 5 s, first at start), so a thousand watchers or probes cost one round of checks per period,
        // never a database query each. Without the cache the library runs the checks for every Watch
        // it opens and every Check.
        services.AddGrpcHealthChecks(o =>
        {
            o.Services.Map(string.Empty, c => c.Tags.Contains(HealthEndpoints.ReadyTag));
            o.UseHealthChecksCache = true;
        });
        services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.Zero;
            o.Period = TimeSpan.FromSeconds(5);
        });
        services.AddGrpcReflection();

        var existing = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
        Func<IServiceProvider, IAuthorizationMiddlewareResultHandler> inner = existing switch
        {
            null => _ => new AuthorizationMiddlewareResultHandler(),
            { ImplementationInstance: IAuthorizationMiddlewareResultHandler instance } => _ => instance,
            { ImplementationFactory: { } factory } => sp => (IAuthorizationMiddlewareResultHandler)factory(sp),
            { ImplementationType: { } type } => sp => (IAuthorizationMiddlewareResultHandler)ActivatorUtilities.CreateInstance(sp, type),
            _ => throw new InvalidOperationException("The registered IAuthorizationMiddlewareResultHandler cannot be wrapped."),
        };
        if (existing is not null) services.Remove(existing);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => new GrpcAuthorizationResultHandler(inner(sp)));
        return builder;
    }
}
