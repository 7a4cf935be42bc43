using Governance.Grpc.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.Grpc.Server;

/// <summary>Adds the gRPC server to a host.</summary>
public static class GrpcServerExtensions
{
    /// <summary>
    /// Binds <see cref="GrpcServerOptions"/> and makes refused gRPC calls answer with a gRPC status.
    /// Call after <c>AddServiceDefaults()</c>: it wraps the authorization result handler registered there.
    /// </summary>
    public static IHostApplicationBuilder AddGrpcServer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GrpcServerOptions>().BindConfiguration(GrpcServerOptions.Section)
            .Validate(o => o.MaxReceiveMessageBytes > 0, "Grpc:MaxReceiveMessageBytes must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<GrpcServerRegistry>();
        builder.Services.AddSingleton<GrpcServerServices>();

        var services = builder.Services;
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
