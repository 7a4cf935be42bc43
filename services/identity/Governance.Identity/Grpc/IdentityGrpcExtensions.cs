using Governance.Contracts.Identity.V1;
using Governance.Grpc.Server;
using Microsoft.AspNetCore.Routing;

namespace Governance.Identity.Grpc;

public static class IdentityGrpcExtensions
{
    /// <summary>Maps <c>governance.identity.v1.IdentityService</c>; every rpc needs a bearer token (the layer's default).</summary>
    public static IEndpointRouteBuilder MapIdentityGrpcService(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<IdentityGrpcService>(IdentityReflection.Descriptor.Services[0], s => s
            .Unary<GetOrgNodeRequest, OrgNode>("GetOrgNode", (svc, req, ctx) => svc.GetOrgNode(req, ctx))
            .Unary<ListOrgNodesRequest, ListOrgNodesResponse>("ListOrgNodes", (svc, req, ctx) => svc.ListOrgNodes(req, ctx))
            .Unary<GetUserRequest, User>("GetUser", (svc, req, ctx) => svc.GetUser(req, ctx))
            .Unary<ListUsersRequest, ListUsersResponse>("ListUsers", (svc, req, ctx) => svc.ListUsers(req, ctx))
            .Unary<CheckPermissionRequest, CheckPermissionResponse>("CheckPermission", (svc, req, ctx) => svc.CheckPermission(req, ctx)));
        return app;
    }
}
