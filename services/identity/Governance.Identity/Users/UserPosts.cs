using Governance.ServiceDefaults.Auth;

namespace Governance.Identity.Users;

/// <summary>What an access token says of a user's posts: the <c>posts</c>, the <c>roles</c> they hold, and the moment the token must end by.</summary>
/// <param name="Posts">The live posts as <c>posts</c> claim values (<see cref="Post.ToClaimValue"/>).</param>
/// <param name="Roles">The roles of the live posts, each once: the <c>roles</c> claim, for readers that know nothing of posts.</param>
/// <param name="EndsBy">The earliest end among the live posts: no token outlives a post it carries. Null when none ends.</param>
public sealed record PostClaims(IReadOnlyList<string> Posts, IReadOnlyList<string> Roles, DateTime? EndsBy);

/// <summary>
/// The one place that decides which of a user's posts count at a moment and how a token carries them.
/// The token service (today's <c>TokenGrants</c>, OpenIddict's handlers tomorrow) calls
/// <see cref="ClaimsFor"/> and nothing else; the admin views and sign-in read <see cref="LivePosts"/>.
/// </summary>
public static class UserPosts
{
    /// <summary>
    /// The posts of <paramref name="user"/> that count at <paramref name="now"/>: not past their end,
    /// at a node that is not retired; in role, then org order. The user's posts must have been loaded
    /// with their <see cref="UserPost.OrgNode"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A post's node was not loaded.</exception>
    public static IReadOnlyList<Post> LivePosts(User user, DateTime now) =>
        user.Posts.Where(p => p.IsLiveAt(now))
            .Select(p => (Post: p, Node: p.OrgNode ?? throw new InvalidOperationException($"Post {p.Id} was loaded without its org node.")))
            .Where(x => !x.Node.IsRetired)
            .Select(x => new Post(x.Post.Role, x.Node.OrgPath, x.Post.Until is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)) : null))
            .Distinct()
            .OrderBy(p => p.Role, StringComparer.Ordinal).ThenBy(p => p.Org.Value, StringComparer.Ordinal)
            .ToList();

    /// <summary>The token claims of the posts <paramref name="user"/> holds at <paramref name="now"/>.</summary>
    public static PostClaims ClaimsFor(User user, DateTime now) => ClaimsOf(LivePosts(user, now));

    /// <summary>The token claims of <paramref name="posts"/>.</summary>
    public static PostClaims ClaimsOf(IReadOnlyList<Post> posts)
    {
        var ends = posts.Where(p => p.Until is not null).Select(p => p.Until!.Value.UtcDateTime).ToList();
        return new PostClaims(
            posts.Select(p => p.ToClaimValue()).ToList(),
            posts.Select(p => p.Role).Distinct().Order(StringComparer.Ordinal).ToList(),
            ends.Count > 0 ? ends.Min() : null);
    }
}
