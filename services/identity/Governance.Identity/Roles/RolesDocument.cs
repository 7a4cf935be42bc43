using Governance.Identity.Data;
using Governance.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Roles;

/// <summary>
/// Publishes which permissions each role carries, for every service's shared permission check
/// (ServiceDefaults' <see cref="RolePermissions"/>). Anonymous like the JWKS: it is configuration,
/// not personal data, and services read it before they can check anything.
/// </summary>
public static class RolesDocument
{
    public static IEndpointRouteBuilder MapRolesDocument(this IEndpointRouteBuilder app)
    {
        app.MapGet(RolePermissions.Path, Get).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> Get(HttpContext http, IdentityDb db, CancellationToken ct)
    {
        var rows = await db.RolePermissions.AsNoTracking().OrderBy(p => p.Role).ThenBy(p => p.Permission).ToListAsync(ct);
        var roles = await db.Roles.AsNoTracking().Select(r => r.Name).ToListAsync(ct);
        http.Response.Headers.CacheControl = "public, max-age=30";
        return Results.Json(new
        {
            roles = roles.ToDictionary(r => r, r => rows.Where(p => p.Role == r).Select(p => p.Permission).ToArray()),
        });
    }
}
