using Governance.Identity.Data;
using Governance.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Roles;

/// <summary>The answer of a permission check, with the reason a person can read.</summary>
public sealed record PermissionDecision(bool Allowed, string Reason);

/// <summary>
/// The platform's one authorization rule, as ServiceDefaults' shared check applies it: one of the
/// subject's live posts holds a role carrying the permission, and the record's org path lies inside
/// THAT post's org. Permissions are read from the roles table, so an admin's change takes effect on
/// the next check.
/// </summary>
public sealed class PermissionCheck(IdentityDb db)
{
    public async Task<PermissionDecision> CheckAsync(IReadOnlyCollection<Post> posts, string permission, OrgPath recordOrg, CancellationToken ct)
    {
        var roles = posts.Select(p => p.Role).Distinct().ToList();
        var carrying = await db.RolePermissions.AsNoTracking()
            .Where(p => p.Permission == permission && roles.Contains(p.Role))
            .Select(p => p.Role).ToListAsync(ct);
        if (carrying.Count == 0)
            return new PermissionDecision(false, $"None of the roles ({string.Join(", ", roles.Order(StringComparer.Ordinal))}) carries the permission {permission}.");
        var holding = posts.Where(p => carrying.Contains(p.Role)).ToList();
        if (holding.Where(p => p.Reaches(recordOrg)).OrderBy(p => p.Role, StringComparer.Ordinal).FirstOrDefault() is { } post)
            return new PermissionDecision(true, $"The role {post.Role}, held at {post.Org}, carries {permission}, and {recordOrg} lies within {post.Org}.");
        return new PermissionDecision(false,
            $"The record's org {recordOrg} lies outside the subtrees of the posts whose roles carry {permission} ({string.Join(", ", Caller.Subtrees(holding.Select(p => p.Org)))}).");
    }
}
