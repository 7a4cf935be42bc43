using Governance.Grpc.Server;
using Grpc.Reflection.V1Alpha;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grpc.Reflection;

/// <summary>Maps the standard gRPC server reflection service.</summary>
public static class GrpcReflectionExtensions
{
    /// <summary>
    /// Maps <c>grpc.reflection.v1alpha.ServerReflection</c> (what grpcurl and similar tools call): lists the
    /// services mapped on the host and answers their proto files. It needs an authenticated caller like every
    /// gRPC endpoint, so anonymous callers still learn nothing about which services exist; the returned
    /// builder may narrow it further (e.g. <c>RequireRoles</c>).
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<GrpcReflectionService>(ReflectionReflection.Descriptor.Services[0], s => s
            .DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>("ServerReflectionInfo", (svc, requests, writer, ctx) => svc.Info(requests, writer, ctx)));
}
