using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Users;

/// <summary>
/// The rules of granting roles and posts, shared by account creation, the role endpoints and the post
/// endpoints: nobody grants to themselves; the granter's own posts must reach the post's org; the
/// admin role only from an admin post that reaches it. The roles table (seeded from
/// <see cref="RoleCatalog"/>) says which roles exist; nothing else keeps a list.
/// </summary>
public sealed class RoleGrants(IdentityDb db, TimeProvider clock)
{
    /// <summary>True when the caller is the user: nobody grants roles to, or disables, themselves.</summary>
    public static bool IsSelf(Caller caller, User user) => Guid.TryParse(caller.Subject, out var id) && id == user.Id;

    /// <summary>
    /// Adds <paramref name="names"/> to <paramref name="user"/> (not saved) as posts without end at
    /// <paramref name="home"/>, a tracked node (the user's own), and returns the roles added.
    /// </summary>
    internal async Task<IReadOnlyList<Role>> AddRolesAsync(Caller caller, User user, OrgNode home, IReadOnlyList<string> names, string field, CancellationToken ct)
    {
        if (names.Count == 0) return [];
        if (IsSelf(caller, user)) throw DomainException.RuleViolated("NobodyGrantsRolesToThemselves", "You cannot grant roles to yourself; ask another admin.");
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        var roles = await db.Roles.AsNoTracking().Where(r => distinct.Contains(r.Name)).ToListAsync(ct);
        if (distinct.FirstOrDefault(n => roles.All(r => r.Name != n)) is { } unknown)
            throw DomainException.Invalid(field, $"The role '{unknown}' does not exist; the roles are listed at /api/identity/roles.");
        if (distinct.Contains(RoleCatalog.Admin)) EnsureMayGrantAdmin(caller, home.OrgPath);
        var now = Now;
        var added = new List<Role>();
        foreach (var role in roles.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var held = user.Posts.FirstOrDefault(p => p.Role == role.Name && p.OrgNodeId == home.Id && p.IsLiveAt(now));
            if (held is { Until: null }) continue;
            if (held is not null) held.Until = null; // held for a term: a role is held without end
            else user.Posts.Add(NewPost(caller, user, role.Name, home, null, now));
            added.Add(role);
        }
        return added;
    }

    /// <summary>
    /// Grants <paramref name="roleName"/> at <paramref name="node"/> (tracked) until <paramref name="until"/>
    /// (not saved). Granting a post the user holds already changes its end; <c>Changed</c> is false
    /// when it had that end already.
    /// </summary>
    internal async Task<(UserPost Post, Role Role, bool Changed)> GrantPostAsync(Caller caller, User user, OrgNode node, string roleName, DateTime? until, CancellationToken ct)
    {
        if (IsSelf(caller, user)) throw DomainException.RuleViolated("NobodyGrantsRolesToThemselves", "You cannot grant posts to yourself; ask another admin.");
        var role = await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Name == roleName, ct)
            ?? throw DomainException.Invalid("role", $"The role '{roleName}' does not exist; the roles are listed at /api/identity/roles.");
        if (node.IsRetired) throw DomainException.RuleViolated("RetiredNodeTakesNoPosts", $"The node {node.Path} is retired and takes no posts.");
        // The granter's own posts must reach where the post is held: a street's admin seconds people to that street, not to the county.
        caller.EnsureMayActOn(node.OrgPath, RoleCatalog.Admin);
        if (role.Name == RoleCatalog.Admin) EnsureMayGrantAdmin(caller, node.OrgPath);
        var now = Now;
        if (until is { } end && end <= now) throw DomainException.Invalid("until", $"The post's end ({end:O}) must lie in the future.");
        var held = user.Posts.FirstOrDefault(p => p.Role == role.Name && p.OrgNodeId == node.Id && p.IsLiveAt(now));
        if (held is not null)
        {
            if (held.Until == until) return (held, role, false);
            held.Until = until;
            return (held, role, true);
        }
        var post = NewPost(caller, user, role.Name, node, until, now);
        user.Posts.Add(post);
        return (post, role, true);
    }

    /// <summary>Ends <paramref name="post"/> now (not saved); false when it had ended already.</summary>
    internal bool EndPost(Caller caller, User user, UserPost post)
    {
        if (IsSelf(caller, user)) throw DomainException.RuleViolated("NobodyChangesTheirOwnRoles", "You cannot end your own posts; ask another admin.");
        caller.EnsureMayActOn(post.OrgNode!.OrgPath, RoleCatalog.Admin);
        var now = Now;
        if (!post.IsLiveAt(now)) return false;
        post.Until = now;
        return true;
    }

    // Admin is the role that grants roles: only an admin whose own (admin) post reaches the place may hand it on.
    private static void EnsureMayGrantAdmin(Caller caller, OrgPath where)
    {
        if (!caller.MayActOn(where, RoleCatalog.Admin))
            throw DomainException.Forbidden("Only an admin whose org contains the post's org may grant the admin role.");
    }

    private static UserPost NewPost(Caller caller, User user, string role, OrgNode node, DateTime? until, DateTime now) => new()
    {
        UserId = user.Id, Role = role, OrgNodeId = node.Id, OrgNode = node, Until = until, GrantedAt = now, GrantedBy = Truncate(caller.Subject),
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Truncate(string subject) => subject.Length <= 64 ? subject : subject[..64];
}
