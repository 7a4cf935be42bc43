using System.Text.RegularExpressions;
using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Roles;

/// <summary>A role as the console shows it.</summary>
public sealed record RoleView(string Name, string Description, bool RequiresSecondFactor, IReadOnlyList<string> Permissions)
{
    public static RoleView From(Role r) => new(r.Name, r.Description, r.RequiresSecondFactor, r.Permissions.Select(p => p.Permission).Order(StringComparer.Ordinal).ToList());
}

/// <summary>
/// The roles and their permissions, as stored (seeded from <see cref="RoleCatalog"/>). Roles are
/// the same for the whole deployment, so only a caller at the root of the tree whose roles carry
/// <c>role.manage</c> changes them.
/// </summary>
public sealed partial class RoleAdmin(IdentityDb db, AuditTrail audit, RolePermissions rolePermissions)
{
    // area.action, as RoleCatalog's: lower-case words, dots between, hyphens inside.
    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$")]
    private static partial Regex PermissionPattern();

    public async Task<List<RoleView>> ListAsync(CancellationToken ct) =>
        (await db.Roles.AsNoTracking().Include(r => r.Permissions).OrderBy(r => r.Name).ToListAsync(ct)).Select(RoleView.From).ToList();

    /// <summary>Replaces the permission set of <paramref name="name"/>; the audit line says what was added and removed.</summary>
    public async Task<RoleView> ReplacePermissionsAsync(Caller caller, string name, IReadOnlyList<string>? permissions, CancellationToken ct)
    {
        await rolePermissions.EnsurePermittedAsync(caller, IdentityPermissions.RoleManage, await OrgTree.RootPathAsync(db, ct), ct);
        var role = await db.Roles.Include(r => r.Permissions).FirstOrDefaultAsync(r => r.Name == name, ct)
            ?? throw DomainException.NotFound($"No role '{name}'.");
        if (permissions is null) throw DomainException.Invalid("permissions", "The permissions are required (an empty list removes them all).");
        var malformed = permissions.FirstOrDefault(p => p is null || p.Length > 64 || !PermissionPattern().IsMatch(p));
        if (malformed is not null || permissions.Any(p => p is null))
            throw DomainException.Invalid("permissions", $"The permission '{malformed}' must look like area.action (a–z, digits, '-'), at most 64 characters.");
        var wanted = permissions.ToHashSet(StringComparer.Ordinal);
        // Admins must keep the means to repair a mistake: the permission to manage roles stays with admin.
        if (role.Name == RoleCatalog.Admin && !wanted.Contains(IdentityPermissions.RoleManage))
            throw DomainException.RuleViolated("AdminKeepsRoleManage", "The admin role keeps role.manage, or nobody could repair its permissions.");
        var removed = role.Permissions.Where(p => !wanted.Contains(p.Permission)).ToList();
        var added = wanted.Where(p => role.Permissions.All(h => h.Permission != p)).Order(StringComparer.Ordinal).ToList();
        if (removed.Count == 0 && added.Count == 0) return RoleView.From(role);
        foreach (var p in removed) role.Permissions.Remove(p);
        foreach (var p in added) role.Permissions.Add(new RolePermission { Role = role.Name, Permission = p });
        // No org path: a role is the whole deployment's, so only auditors at the root see the change.
        audit.Add(db, caller.Subject, AuditActions.RolePermissionsChanged, role.Name, null,
            $"added: {string.Join(", ", added)}; removed: {string.Join(", ", removed.Select(p => p.Permission))}");
        await db.SaveChangesAsync(ct);
        return RoleView.From(role);
    }
}
