namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// The claims an access token from the identity service carries, and the claim types of the
/// principal the bearer handler builds from it:
/// <code>
/// { "sub": "u-1042", "org": "632801/632801001", "roles": ["mediator"],
///   "scope": "grid.read mediation.read", "client_id": "console" }
/// </code>
/// <c>roles</c> may be a JSON array or a space-separated string (<c>role</c> is accepted too);
/// the principal carries one <see cref="Role"/> claim and one <see cref="Scope"/> claim per value.
/// </summary>
public static class GovernanceClaims
{
    /// <summary>Who the caller is: a user id, or the client id of a service.</summary>
    public const string Subject = "sub";

    /// <summary>The caller's place in the org tree, an <see cref="OrgPath"/>.</summary>
    public const string Org = "org";

    /// <summary>One role of the caller (the token's <c>roles</c> or <c>role</c>).</summary>
    public const string Role = "role";

    /// <summary>One OAuth2 scope granted to the caller.</summary>
    public const string Scope = "scope";

    /// <summary>The member department the caller works for, if any (its id).</summary>
    public const string Department = "dept";

    /// <summary>The OAuth2 client the token was issued to.</summary>
    public const string ClientId = "client_id";
}
