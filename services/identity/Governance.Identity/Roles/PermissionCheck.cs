using Governance.Identity.Data;
using Governance.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Roles;

/// <summary>The answer of a permission check, with the reason a person can read.</summary>
public sealed record PermissionDecision(bool Allowed, string Reason);

/// <summary>
/// The platform's one authorization rule: one of the subject's roles carries the permission, and the
/// record's org path lies inside the subject's. Permissions are read from the roles table, so an
/// admin's change takes effect on the next check.
/// </summary>
public sealed class PermissionCheck(IdentityDb db)
{
    public async Task<PermissionDecision> CheckAsync(IReadOnlyCollection<string> roles, OrgPath? subjectOrg, string permission, OrgPath recordOrg, CancellationToken ct)
    {
        var grantedBy = await db.RolePermissions.AsNoTracking()
            .Where(p => p.Permission == permission && roles.Contains(p.Role))
            .Select(p => p.Role).OrderBy(r => r).FirstOrDefaultAsync(ct);
        if (grantedBy is null)
            return new PermissionDecision(false, $"None of the roles ({string.Join(", ", roles.Order())}) carries the permission {permission}.");
        if (subjectOrg is null)
            return new PermissionDecision(false, "The subject has no org, so no record is within reach.");
        if (!recordOrg.IsWithin(subjectOrg))
            return new PermissionDecision(false, $"The record's org {recordOrg} lies outside the subject's subtree {subjectOrg}.");
        return new PermissionDecision(true, $"The role {grantedBy} carries {permission}, and {recordOrg} lies within {subjectOrg}.");
    }
}
