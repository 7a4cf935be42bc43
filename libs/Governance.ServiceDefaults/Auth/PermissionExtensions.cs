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
    public static async Task EnsurePermittedAsync(this HttpContext http, string permission, OrgPath recordOrg)
    {
        var caller = http.Caller();
        var permissions = http.RequestServices.GetRequiredService<RolePermissions>();
        if (!await permissions.PermitsAsync(caller.Roles, permission, http.RequestAborted))
            throw DomainException.Forbidden($"This action needs the permission '{permission}', which none of your roles carries.");
        // Roles were checked just above; what is left is the org scope.
        caller.EnsureMayActOn(recordOrg);
    }

    /// <summary>True when <see cref="EnsurePermittedAsync"/> would pass.</summary>
    public static async Task<bool> IsPermittedAsync(this HttpContext http, string permission, OrgPath recordOrg)
    {
        var caller = http.Caller();
        return caller.MayActOn(recordOrg)
            && await http.RequestServices.GetRequiredService<RolePermissions>().PermitsAsync(caller.Roles, permission, http.RequestAborted);
    }
}
