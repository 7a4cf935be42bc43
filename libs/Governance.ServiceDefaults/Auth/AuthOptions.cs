using System.Net;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// Which tokens a host trusts. JSON shape:
/// <code>
/// "Auth": { "Issuer": "https://identity.example.gov", "Audience": "governance",
///           "MetadataAddress": null, "RequireHttpsMetadata": true,
///           "JwksRefreshInterval": "00:10:00", "JwksMinRefreshInterval": "00:00:30",
///           "RolesRefreshInterval": "00:01:00", "ValidatedTokenCacheSize": 20000 }
/// </code>
/// Tokens are ES256 only, checked for <c>iss</c>, <c>aud</c>, <c>exp</c> (required) and <c>nbf</c>
/// with <see cref="ClockSkew"/>: fixed, not settings, because no deployment needs another answer.
/// Without <see cref="Issuer"/> the host starts, but refuses every token: the standalone host
/// runs before the identity service exists, and failing closed is the only safe default.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>The one signing algorithm accepted: the identity service signs with P-256 keys.</summary>
    public const string Algorithm = "ES256";

    /// <summary>Tolerance for clock drift between the issuer and this host when checking <c>exp</c> and <c>nbf</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    /// <summary>The identity service's issuer URL, exactly as it appears in the tokens' <c>iss</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> every accepted token must carry; required when <see cref="Issuer"/> is set.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// The OIDC discovery document; by default <c>{Issuer}/.well-known/openid-configuration</c>. Its
    /// <c>issuer</c> must equal <see cref="Issuer"/>; its <c>jwks_uri</c> gives the signing keys.
    /// </summary>
    public Uri? MetadataAddress { get; set; }

    /// <summary>
    /// Refuse discovery and keys over plain HTTP. Never needed for a loopback issuer (tests, the
    /// standalone host); set it to false only for an issuer reached inside a trusted network.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How old the keys may get before they are read again (picks up withdrawn keys); 5 minutes at least.</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Least time between two reads forced by a token naming an unknown <c>kid</c> (a rotated key),
    /// so that forged kids cannot make the host hammer the issuer; 1 second at least.
    /// </summary>
    public TimeSpan JwksMinRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the role → permission map read from the issuer is used before it is read again.</summary>
    public TimeSpan RolesRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many validated tokens are remembered (<see cref="ValidatedTokenCache"/>); 0 turns the
    /// cache off. An entry holds the token and its identity, a few kilobytes.
    /// </summary>
    public int ValidatedTokenCacheSize { get; set; } = 20_000;

    /// <summary>The discovery document's address.</summary>
    internal string Metadata => MetadataAddress?.ToString() ?? Issuer!.TrimEnd('/') + "/.well-known/openid-configuration";

    /// <summary>Whether HTTPS is demanded of <see cref="Metadata"/>: not for loopback, nor when switched off.</summary>
    internal bool HttpsRequired => RequireHttpsMetadata && !IsLoopback(Metadata);

    internal static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
}
