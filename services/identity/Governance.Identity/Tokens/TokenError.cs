namespace Governance.Identity.Tokens;

/// <summary>
/// An RFC 6749 §5.2 error answer of the token (and revocation) endpoint. <see cref="Challenge"/>
/// is set when the client tried HTTP Basic: the answer is then 401 with a Basic challenge (§5.2).
/// </summary>
public sealed class TokenError(string error, string description, bool challenge = false) : Exception(description)
{
    public string Error { get; } = error;
    public string Description { get; } = description;
    public bool Challenge { get; } = challenge;
    public int Status => Error == InvalidClientCode && Challenge ? 401 : 400;

    public const string InvalidRequestCode = "invalid_request";
    public const string InvalidClientCode = "invalid_client";
    public const string InvalidGrantCode = "invalid_grant";
    public const string UnauthorizedClientCode = "unauthorized_client";
    public const string UnsupportedGrantTypeCode = "unsupported_grant_type";
    public const string InvalidScopeCode = "invalid_scope";

    public static TokenError InvalidRequest(string description) => new(InvalidRequestCode, description);
    public static TokenError InvalidClient(string description, bool basic) => new(InvalidClientCode, description, basic);
    public static TokenError InvalidGrant(string description) => new(InvalidGrantCode, description);
    public static TokenError UnauthorizedClient(string description) => new(UnauthorizedClientCode, description);
    public static TokenError UnsupportedGrantType(string description) => new(UnsupportedGrantTypeCode, description);
    public static TokenError InvalidScope(string description) => new(InvalidScopeCode, description);
}
