using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// The check every service makes on a record: one of the caller's roles carries the permission (as
/// the identity service's data says), and the record lies inside the caller's org subtree.
/// </summary>
public static class PermissionExtensions
{
    /// <summary>Throws a 403 refusal naming the permission, or the caller's subtree, unless the caller may.</summary>
    /// <exception cref="DomainException">The caller's roles do not carry <paramref name="permission"/>, or the record is outside their subtree.</exception>
    public static Task EnsurePermittedAsync(this HttpContext http, string permission, OrgPath recordOrg) =>
        http.RequestServices.GetRequiredService<RolePermissions>().EnsurePermittedAsync(http.Caller(), permission, recordOrg, http.RequestAborted);

    /// <summary>True when <see cref="EnsurePermittedAsync(HttpContext, string, OrgPath)"/> would pass.</summary>
    public static Task<bool> IsPermittedAsync(this HttpContext http, string permission, OrgPath recordOrg) =>
        http.RequestServices.GetRequiredService<RolePermissions>().IsPermittedAsync(http.Caller(), permission, recordOrg, http.RequestAborted);

    /// <summary>The same check for work that is not an HTTP request (gRPC handlers, workflows given a caller).</summary>
    /// <exception cref="DomainException">The caller's roles do not carry <paramref name="permission"/>, or the record is outside their subtree.</exception>
    public static async Task EnsurePermittedAsync(this RolePermissions permissions, Caller caller, string permission, OrgPath recordOrg, CancellationToken cancellationToken)
    {
        if (!await permissions.PermitsAsync(caller.Roles, permission, cancellationToken))
            throw DomainException.Forbidden($"This action needs the permission '{permission}', which none of your roles carries.");
        // Roles were checked just above; what is left is the org scope.
        caller.EnsureMayActOn(recordOrg);
    }

    /// <summary>True when the caller holds <paramref name="permission"/> and <paramref name="recordOrg"/> is inside their subtree.</summary>
    public static async Task<bool> IsPermittedAsync(this RolePermissions permissions, Caller caller, string permission, OrgPath recordOrg, CancellationToken cancellationToken) =>
        caller.MayActOn(recordOrg) && await permissions.PermitsAsync(caller.Roles, permission, cancellationToken);
}
