using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Governance.Grpc.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grpc.Server;

/// <summary>Maps proto services to <c>POST /{package}.{Service}/{Method}</c> endpoints.</summary>
public static class GrpcEndpointExtensions
{
    /// <summary>
    /// Maps every rpc of <paramref name="service"/>, bound in <paramref name="bind"/>, and once per host
    /// the UNIMPLEMENTED answer for unknown services and methods. Throws when a binding disagrees with
    /// the proto or an rpc is left unbound. The endpoints need an authenticated caller, as every
    /// endpoint does; the returned builder adds further conventions (e.g. <c>RequireRoles</c>).
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(
        this IEndpointRouteBuilder endpoints, ServiceDescriptor service, Action<GrpcServiceBuilder<TService>> bind)
        where TService : class
    {
        var registry = endpoints.ServiceProvider.GetService<GrpcServerRegistry>()
            ?? throw new InvalidOperationException("Call builder.AddGrpcServer() before mapping gRPC services.");
        if (endpoints.ServiceProvider.GetRequiredService<IAuthorizationMiddlewareResultHandler>() is not GrpcAuthorizationResultHandler)
            throw new InvalidOperationException(
                "Another IAuthorizationMiddlewareResultHandler was registered after AddGrpcServer(); call AddGrpcServer() after AddServiceDefaults().");

        var builder = new GrpcServiceBuilder<TService>(service);
        bind(builder);
        builder.EnsureComplete();
        if (!registry.Add(service))
            throw new InvalidOperationException($"gRPC service {service.FullName} is mapped twice.");

        var server = endpoints.ServiceProvider.GetRequiredService<GrpcServerServices>();
        var group = endpoints.MapGroup("/" + service.FullName);
        foreach (var binding in builder.Bindings)
        {
            binding.Prepare(endpoints.ServiceProvider);
            var rpc = new RpcName(service.FullName, binding.Name);
            Func<GrpcCall, Task> invoke = binding.InvokeAsync;
            group.MapPost("/" + binding.Name, http => GrpcCall.RunAsync(http, rpc, server, invoke))
                .WithDisplayName("gRPC " + rpc.Path);
        }
        if (!registry.CatchAllMapped)
        {
            registry.CatchAllMapped = true;
            UnimplementedEndpoint.Map(endpoints, registry, server);
        }
        return group;
    }
}
