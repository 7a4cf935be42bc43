namespace Governance.Identity.OAuth;

/// <summary>
/// The OAuth 2.0 / OIDC protocol settings beyond <see cref="IdentityOptions"/>. JSON shape:
/// <code>
/// "Identity": { "OAuth": {
///   "LegacyPasswordGrant": false,          // the password grant, for the cli client only; on in the standalone demo
///   "AuthorizationCodeLifetime": "00:02:00",
///   "RefreshTokenReuseLeeway": "00:00:10", // two refreshes racing with one token are not a theft
///   "SignInSessionLifetime": "08:00:00",   // the browser's sign-in cookie at the identity service
///   "ClientCacheLifetime": "00:00:02",     // how long a client's row is kept between token requests
///   "ConsoleRedirectUris": [ "https://console.county.gov.cn/signin-callback" ],
///   "ConsolePostLogoutRedirectUris": [ "https://console.county.gov.cn/" ] } }
/// </code>
/// </summary>
public sealed class OAuthOptions
{
    public const string Section = "Identity:OAuth";

    /// <summary>
    /// Allows the resource owner password grant, and only to the <c>cli</c> client. OAuth 2.1 and the
    /// security BCP (RFC 9700) retire it: browsers use the authorization code flow with PKCE.
    /// </summary>
    public bool LegacyPasswordGrant { get; set; }

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan SignInSessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long a client's registration is kept in memory between its token requests
    /// (<see cref="ClientDirectory"/>): the longest a change made on another replica takes to be seen
    /// here. Zero reads the database every time.
    /// </summary>
    public TimeSpan ClientCacheLifetime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Where the web console may receive authorization codes; none means the console cannot sign in yet.</summary>
    public List<string> ConsoleRedirectUris { get; set; } = [];

    public List<string> ConsolePostLogoutRedirectUris { get; set; } = [];
}
