using System.Text.RegularExpressions;
using Governance.Grpc.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Governance.Grpc.Server;

/// <summary>
/// Answers UNIMPLEMENTED for <c>POST /{package.Service}/{Method}</c> that no mapped rpc serves. It goes
/// through the same authorization as the real methods, so an anonymous caller gets UNAUTHENTICATED
/// whether or not the method exists, and learns nothing about which services the host has.
/// </summary>
internal static partial class UnimplementedEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints, GrpcServerRegistry registry, GrpcServerServices server)
    {
        // Only a dotted proto service name matches, so REST paths (and their 404/405 answers) are untouched.
        var pattern = RoutePatternFactory.Parse("/{service}/{method}", defaults: null,
            parameterPolicies: new RouteValueDictionary { ["service"] = new ServiceNameConstraint() });
        endpoints.Map(pattern, http => HandleAsync(http, registry, server))
            .WithMetadata(new HttpMethodMetadata(["POST"]))
            .WithDisplayName("gRPC unimplemented");
    }

    private static Task HandleAsync(HttpContext http, GrpcServerRegistry registry, GrpcServerServices server)
    {
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        var service = (string)http.GetRouteValue("service")!;
        var method = (string)http.GetRouteValue("method")!;
        return GrpcCall.RunAsync(http, new RpcName(service, method), server, _ => throw new RpcException(StatusCode.Unimplemented,
            registry.Contains(service) ? $"Method {method} of service {service} is unimplemented." : $"Service {service} is unimplemented."));
    }

    private sealed partial class ServiceNameConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && value is string name && Name().IsMatch(name);

        [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")]
        private static partial Regex Name();
    }
}
