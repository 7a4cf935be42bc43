using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Users;

/// <summary>
/// Reads accounts, for the admin console and the gRPC look-ups alike: only callers whose roles carry
/// <c>user.read</c>, and only users whose org node lies in the reach of the caller's posts (others do not exist
/// for the caller). The permission is checked here, not by the endpoints, so REST and gRPC cannot differ.
/// </summary>
public sealed class UserDirectory(IdentityDb db, RolePermissions permissions, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<UserView> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var found = await (from u in db.Users.AsNoTracking().Include(u => u.Posts).ThenInclude(p => p.OrgNode)
                           join n in db.OrgNodes on u.OrgNodeId equals n.Id
                           where u.Id == id
                           select new { User = u, n.Path }).FirstOrDefaultAsync(ct);
        // Outside the subtree is answered like a missing user: the caller need not learn it exists.
        if (found is null || !caller.MayActOn(OrgPath.Parse(found.Path)))
            throw await permissions.NotWithinReachAsync(caller, IdentityPermissions.UserRead, db, $"No user {id} within your reach.", ct);
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.UserRead, OrgPath.Parse(found.Path), ct);
        return UserView.From(found.User, found.Path, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// The names of the users asked for (at most <see cref="MaxPageSize"/>), for a log that holds readers by id (population's
    /// access logs in the console): callers with <c>user.read</c> or <c>audit.read</c> (auditors read logs, not accounts), and
    /// only users within a post carrying one of them; the others are left out, as if absent. Names only: no posts, no status.
    /// </summary>
    public async Task<IReadOnlyList<UserNameView>> NamesAsync(Caller caller, IReadOnlyList<Guid>? ids, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0) throw DomainException.Invalid("ids", "Give the ids of the users to name.");
        if (ids.Count > MaxPageSize) throw DomainException.Invalid("ids", $"Ask for at most {MaxPageSize} users at a time.");
        var posts = (await permissions.PostsCarryingAsync(caller, IdentityPermissions.UserRead, ct))
            .Concat(await permissions.PostsCarryingAsync(caller, IdentityPermissions.AuditRead, ct)).ToList();
        if (posts.Count == 0)
        {
            await permissions.EnsureAnyRoleCarriesAsync(caller, IdentityPermissions.AuditRead, ct);
            return [];
        }
        var wanted = ids.Distinct().ToList();
        var rows = await (from u in db.Users.AsNoTracking()
                          join n in db.OrgNodes on u.OrgNodeId equals n.Id
                          where wanted.Contains(u.Id)
                          select new { u.Id, u.UserName, u.DisplayName, n.Path }).ToListAsync(ct);
        return rows.Where(r => posts.Any(p => p.Reaches(OrgPath.Parse(r.Path))))
            .Select(r => new UserNameView(r.Id, r.UserName, r.DisplayName)).ToList();
    }

    /// <summary>Users of a subtree, by user name, a page at a time (keyset on the user name, so pages hold under inserts).</summary>
    public async Task<UserPage> ListAsync(Caller caller, UserQuery query, CancellationToken ct)
    {
        OrgPath? asked = null;
        if (!string.IsNullOrEmpty(query.OrgPath) && !OrgPath.TryParse(query.OrgPath, out asked))
            throw DomainException.Invalid("orgPath", $"The org path '{query.OrgPath}' is not a path of digit codes like 632801/001/002.");
        // The listed subtree is the record: the caller's own, or one inside it.
        var subtree = asked ?? await OrgTree.OwnSubtreeAsync(caller, db, ct);
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.UserRead, subtree, ct);
        var size = query.PageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize) throw DomainException.Invalid("pageSize", $"The page size must be 1 to {MaxPageSize}.");
        UserStatus? status = query.Status switch
        {
            null or "" => null,
            _ when Enum.TryParse<UserStatus>(query.Status, ignoreCase: true, out var s) && !query.Status.Any(char.IsAsciiDigit) => s,
            _ => throw DomainException.Invalid("status", $"The status '{query.Status}' is not one of active, disabled."),
        };

        var now = clock.GetUtcNow().UtcDateTime;
        var prefix = subtree.Value + "/";
        var rows = from u in db.Users.AsNoTracking()
                   join n in db.OrgNodes on u.OrgNodeId equals n.Id
                   where n.Path == subtree.Value || n.Path.StartsWith(prefix)
                   select new { User = u, n.Path };
        if (!string.IsNullOrEmpty(query.Role)) rows = rows.Where(r => r.User.Posts.Any(p => p.Role == query.Role && (p.Until == null || p.Until > now)));
        if (query.DepartmentId is { } department) rows = rows.Where(r => r.User.DepartmentId == department);
        if (status is { } wanted) rows = rows.Where(r => r.User.Status == wanted);
        if (!string.IsNullOrEmpty(query.After)) rows = rows.Where(r => string.Compare(r.User.UserName, query.After) > 0);

        var page = await rows.OrderBy(r => r.User.UserName).Take(size + 1).ToListAsync(ct);
        var ids = page.Select(r => r.User.Id).ToList();
        var posts = await db.UserPosts.AsNoTracking().Include(p => p.OrgNode).Where(p => ids.Contains(p.UserId)).ToListAsync(ct);
        var items = page.Take(size).Select(r =>
        {
            r.User.Posts.AddRange(posts.Where(p => p.UserId == r.User.Id));
            return UserView.From(r.User, r.Path, now);
        }).ToList();
        return new UserPage(items, page.Count > size ? items[^1].UserName : null);
    }
}
