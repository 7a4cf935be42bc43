namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// The claims an access token from the identity service carries, and the claim types of the
/// principal the bearer handler builds from it:
/// <code>
/// { "sub": "u-1042", "org": "632801/632801001", "roles": ["mediator", "grid_leader"],
///   "posts": ["mediator@632801/632801001", "grid_leader@632801/632801001/001;until=1777593600"],
///   "scope": "grid.read mediation.read", "client_id": "console" }
/// </code>
/// <c>roles</c> may be a JSON array or a space-separated string (<c>role</c> is accepted too);
/// the principal carries one <see cref="Role"/> claim and one <see cref="Scope"/> claim per value,
/// and one <see cref="Posts"/> claim per post. A token with <c>posts</c> is judged by its posts
/// (<see cref="Post"/>); one without (client credentials, tokens from before posts) holds each of its
/// <c>roles</c> at its <c>org</c>.
/// </summary>
public static class GovernanceClaims
{
    /// <summary>Who the caller is: a user id, or the client id of a service.</summary>
    public const string Subject = "sub";

    /// <summary>The caller's place in the org tree, an <see cref="OrgPath"/>.</summary>
    public const string Org = "org";

    /// <summary>One role of the caller (the token's <c>roles</c> or <c>role</c>).</summary>
    public const string Role = "role";

    /// <summary>One post of the caller, as <see cref="Post.ToClaimValue"/> writes it (the token's <c>posts</c> array).</summary>
    public const string Posts = "posts";

    /// <summary>One OAuth2 scope granted to the caller.</summary>
    public const string Scope = "scope";

    /// <summary>The member department the caller works for, if any (its id).</summary>
    public const string Department = "dept";

    /// <summary>The OAuth2 client the token was issued to.</summary>
    public const string ClientId = "client_id";
}
