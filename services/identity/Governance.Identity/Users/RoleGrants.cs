using Governance.Identity.Data;
using Governance.Identity.Roles;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Users;

/// <summary>
/// The rules of granting roles, shared by account creation and the grant endpoint. The roles table
/// (seeded from <see cref="RoleCatalog"/>) says which roles exist; nothing else keeps a list.
/// </summary>
public sealed class RoleGrants(IdentityDb db, TimeProvider clock)
{
    /// <summary>True when the caller is the user: nobody grants roles to, or disables, themselves.</summary>
    public static bool IsSelf(Caller caller, User user) => Guid.TryParse(caller.Subject, out var id) && id == user.Id;

    /// <summary>Adds <paramref name="names"/> to <paramref name="user"/> (not saved) and returns the roles added.</summary>
    internal async Task<IReadOnlyList<Role>> AddRolesAsync(Caller caller, User user, OrgPath userOrg, IReadOnlyList<string> names, string field, CancellationToken ct)
    {
        if (names.Count == 0) return [];
        if (IsSelf(caller, user)) throw DomainException.RuleViolated("NobodyGrantsRolesToThemselves", "You cannot grant roles to yourself; ask another admin.");
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        var roles = await db.Roles.AsNoTracking().Where(r => distinct.Contains(r.Name)).ToListAsync(ct);
        if (distinct.FirstOrDefault(n => roles.All(r => r.Name != n)) is { } unknown)
            throw DomainException.Invalid(field, $"The role '{unknown}' does not exist; the roles are listed at /api/identity/roles.");
        // Admin is the role that grants roles: only an admin whose own org contains the user's may hand it on.
        if (distinct.Contains(RoleCatalog.Admin) && (caller.OrgPath is not { } own || !userOrg.IsWithin(own) || !caller.HasRole(RoleCatalog.Admin)))
            throw DomainException.Forbidden("Only an admin whose org contains the user's may grant the admin role.");
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<Role>();
        foreach (var role in roles.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (user.Roles.Any(r => r.Role == role.Name)) continue;
            user.Roles.Add(new UserRole { UserId = user.Id, Role = role.Name, GrantedAt = now, GrantedBy = Truncate(caller.Subject) });
            added.Add(role);
        }
        return added;
    }

    private static string Truncate(string subject) => subject.Length <= 64 ? subject : subject[..64];
}
