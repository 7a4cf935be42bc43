using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Governance.Identity.Grpc;

public static class IdentityGrpcExtensions
{
    /// <summary>Maps <c>governance.identity.v1.IdentityService</c>; every rpc needs a bearer token (the fallback policy).</summary>
    public static IEndpointRouteBuilder MapIdentityGrpcService(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<IdentityGrpcService>();
        return app;
    }
}
