using Governance.Search.Backends;
using Governance.Search.Documents;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;

namespace Governance.Search.Access;

/// <summary>
/// Who may search, and what: a post whose role carries <see cref="Query"/> searches within its own org subtree, and
/// only the record types its role may read in their own services (<see cref="RecordTypes.ReadPermission"/>). The
/// answer is the <see cref="ScopeGrant"/> list every backend puts inside its query, so no page, total or facet count
/// ever holds a record out of scope.
/// </summary>
public sealed class SearchPermissions(RolePermissions permissions)
{
    /// <summary>Searching at all (investigators and centre operators in identity's catalogue).</summary>
    public const string Query = "search.query";

    /// <summary>Rebuilding the index (admins).</summary>
    public const string Manage = "search.manage";

    /// <summary>The caller's grants; a 403 when no role of theirs carries <see cref="Query"/>.</summary>
    public async Task<IReadOnlyList<ScopeGrant>> ScopeOfAsync(Caller caller, CancellationToken ct)
    {
        await permissions.EnsureAnyRoleCarriesAsync(caller, Query, ct);
        var searching = await permissions.PostsCarryingAsync(caller, Query, ct);
        var grants = new List<ScopeGrant>();
        foreach (var (type, read) in RecordTypes.ReadPermission)
        {
            var reading = await permissions.PostsCarryingAsync(caller, read, ct);
            // A post counts when it carries both: searching and reading this type, at its own org.
            var subtrees = Caller.Subtrees(searching.Intersect(reading).Select(p => p.Org));
            if (subtrees.Count > 0) grants.Add(new ScopeGrant(type, [.. subtrees.Select(s => s.Value)]));
        }
        return grants;
    }
}
