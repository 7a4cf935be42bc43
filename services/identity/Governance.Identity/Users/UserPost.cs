using Governance.Identity.Org;

namespace Governance.Identity.Users;

/// <summary>
/// A post a user holds: a role at an org node, without end or until a moment (a secondment to the
/// street for three months). It permits its role's actions within its node's subtree only. The roles
/// of the time before posts became posts at their holder's own node, without end; those follow the
/// holder when moved (see <see cref="UserAccounts.ChangePlacementAsync"/>). A post past its end, or
/// ended early (its end set to that moment), stays as history and no longer counts.
/// </summary>
public sealed class UserPost
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public required string Role { get; init; }
    public Guid OrgNodeId { get; set; }

    /// <summary>The node, when loaded with the post (or set to a tracked node when the post is made).</summary>
    public OrgNode? OrgNode { get; set; }

    /// <summary>When the post ends (UTC, whole seconds, as tokens carry it); null when it has no end.</summary>
    public DateTime? Until { get; set; }

    public DateTime GrantedAt { get; set; }
    public required string GrantedBy { get; set; }

    /// <summary>True while the post counts: no end, or its end still ahead of <paramref name="now"/>.</summary>
    public bool IsLiveAt(DateTime now) => Until is not { } end || now < end;
}
