using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Identity.Roles;

/// <summary>
/// Roles and their permissions, under <c>/api/identity/roles</c>: any caller reads them; a caller at the
/// root whose roles carry <c>role.manage</c> replaces a role's set (checked by <see cref="RoleAdmin"/>).
/// </summary>
public static class RolesApi
{
    public sealed record PermissionsRequest(List<string>? Permissions);

    public static IEndpointRouteBuilder MapRolesApi(this IEndpointRouteBuilder app)
    {
        var roles = app.MapGroup("/api/identity/roles");
        roles.MapGet("", List);
        roles.MapPut("/{name}/permissions", Replace).ProducesRefusals(400, 404, 409);
        return app;
    }

    private static async Task<Ok<List<RoleView>>> List(RoleAdmin roles, CancellationToken ct) => TypedResults.Ok(await roles.ListAsync(ct));

    private static async Task<Ok<RoleView>> Replace(HttpContext http, RoleAdmin roles, string name, PermissionsRequest request, CancellationToken ct) =>
        TypedResults.Ok(await roles.ReplacePermissionsAsync(http.Caller(), name, request.Permissions, ct));
}
