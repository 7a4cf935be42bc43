using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;

namespace Governance.Identity.Roles;

/// <summary>
/// The answer for a record the caller cannot reach (missing, or outside their subtree). The
/// permission is checked first, against the caller's own subtree, so that a caller without it gets
/// the same 403 naming it for every id, and cannot tell ids that exist from ids that don't.
/// </summary>
internal static class NotWithinReach
{
    /// <summary>Throws the 403 when the caller's roles lack <paramref name="permission"/>; otherwise returns the 404 to throw.</summary>
    public static async Task<DomainException> NotWithinReachAsync(this RolePermissions permissions, Caller caller, string permission,
        IdentityDb db, DomainMessage message, CancellationToken ct)
    {
        await permissions.EnsurePermittedAsync(caller, permission, await OrgTree.OwnSubtreeAsync(caller, db, ct), ct);
        return DomainException.NotFound(message);
    }
}
