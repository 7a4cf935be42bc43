using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// The check every service makes on a record: one of the caller's live posts holds a role that
/// carries the permission (as the identity service's data says), and the record lies inside THAT
/// post's org subtree. A grid leader at one grid who is also a viewer at the street acts as grid
/// leader in that grid only. A token without posts holds its roles at its org (<see cref="Caller.Posts"/>).
/// </summary>
public static class PermissionExtensions
{
    /// <summary>Throws a 403 refusal naming the permission, or the reach of the posts that carry it, unless the caller may.</summary>
    /// <exception cref="DomainException">No live post carries <paramref name="permission"/>, or none that does reaches the record.</exception>
    public static Task EnsurePermittedAsync(this HttpContext http, string permission, OrgPath recordOrg) =>
        http.RequestServices.GetRequiredService<RolePermissions>().EnsurePermittedAsync(http.Caller(), permission, recordOrg, http.RequestAborted);

    /// <summary>True when <see cref="EnsurePermittedAsync(HttpContext, string, OrgPath)"/> would pass.</summary>
    public static Task<bool> IsPermittedAsync(this HttpContext http, string permission, OrgPath recordOrg) =>
        http.RequestServices.GetRequiredService<RolePermissions>().IsPermittedAsync(http.Caller(), permission, recordOrg, http.RequestAborted);

    /// <summary>See <see cref="PermittedSubtreesAsync(RolePermissions, Caller, string, CancellationToken)"/>.</summary>
    public static Task<IReadOnlyList<OrgPath>> PermittedSubtreesAsync(this HttpContext http, string permission) =>
        http.RequestServices.GetRequiredService<RolePermissions>().PermittedSubtreesAsync(http.Caller(), permission, http.RequestAborted);

    /// <summary>The same check for work that is not an HTTP request (gRPC handlers, workflows given a caller).</summary>
    /// <exception cref="DomainException">No live post carries <paramref name="permission"/>, or none that does reaches the record.</exception>
    public static async Task EnsurePermittedAsync(this RolePermissions permissions, Caller caller, string permission, OrgPath recordOrg, CancellationToken cancellationToken)
    {
        var carrying = await permissions.PostsCarryingAsync(caller, permission, cancellationToken);
        if (carrying.Any(p => p.Reaches(recordOrg))) return;
        // No post carries it, and the roles do not either (they may, in a token that names no org).
        if (carrying.Count == 0 && !await permissions.PermitsAsync(caller.Roles, permission, cancellationToken))
            throw DomainException.Forbidden($"This action needs the permission '{permission}', which none of your roles carries.");
        throw DomainException.Forbidden(caller.OutsideReach(carrying));
    }

    /// <summary>
    /// Throws a 403 refusal naming <paramref name="permission"/> unless one of the caller's roles carries it, wherever
    /// it is held: for what belongs to no org (a service's rules, its catalogues).
    /// </summary>
    /// <exception cref="DomainException">None of the caller's roles carries <paramref name="permission"/>.</exception>
    public static async Task EnsureAnyRoleCarriesAsync(this RolePermissions permissions, Caller caller, string permission, CancellationToken cancellationToken)
    {
        if (!await permissions.PermitsAsync(caller.Roles, permission, cancellationToken))
            throw DomainException.Forbidden($"This needs the permission '{permission}', which none of your roles carries.");
    }

    /// <summary>True when one live post carries <paramref name="permission"/> and reaches <paramref name="recordOrg"/>.</summary>
    public static async Task<bool> IsPermittedAsync(this RolePermissions permissions, Caller caller, string permission, OrgPath recordOrg, CancellationToken cancellationToken) =>
        (await permissions.PostsCarryingAsync(caller, permission, cancellationToken)).Any(p => p.Reaches(recordOrg));

    /// <summary>
    /// What a list of records needing <paramref name="permission"/> shows the caller: the subtrees of
    /// the live posts that carry it (each once; see <see cref="Caller.Subtrees"/>), to filter with
    /// <c>WithinAnySubtree</c>. Empty when the caller's roles carry it but no post reaches anything
    /// (a token naming no org): an empty list, not a refusal.
    /// </summary>
    /// <exception cref="DomainException">None of the caller's roles carries <paramref name="permission"/>.</exception>
    public static async Task<IReadOnlyList<OrgPath>> PermittedSubtreesAsync(this RolePermissions permissions, Caller caller, string permission, CancellationToken cancellationToken)
    {
        var carrying = await permissions.PostsCarryingAsync(caller, permission, cancellationToken);
        if (carrying.Count == 0 && !await permissions.PermitsAsync(caller.Roles, permission, cancellationToken))
            throw DomainException.Forbidden($"This needs the permission '{permission}', which none of your roles carries.");
        return Caller.Subtrees(carrying.Select(p => p.Org));
    }
}
