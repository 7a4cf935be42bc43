namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// Which tokens a host trusts. JSON shape:
/// <code>
/// "Auth": { "Issuer": "https://identity.example.gov", "Audience": "governance",
///           "JwksUri": null, "ValidAlgorithms": [ "RS256", "PS256", "ES256" ],
///           "ClockSkew": "00:01:00", "JwksRefreshInterval": "00:10:00", "JwksMinRefreshInterval": "00:00:30",
///           "RolesRefreshInterval": "00:01:00" }
/// </code>
/// Without <see cref="Issuer"/> the host starts, but refuses every token: the standalone host
/// runs before the identity service exists, and failing closed is the only safe default.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>Algorithms used when <see cref="ValidAlgorithms"/> is not set.</summary>
    public static readonly IReadOnlyList<string> DefaultAlgorithms = ["RS256", "PS256", "ES256"];

    /// <summary>
    /// Asymmetric algorithms only: a symmetric one (HS*) would let anyone holding the public key
    /// forge tokens, and <c>none</c> is no signature at all.
    /// </summary>
    public static readonly IReadOnlySet<string> PermittedAlgorithms =
        new HashSet<string>(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"], StringComparer.Ordinal);

    /// <summary>The identity service's issuer URL, exactly as it appears in the tokens' <c>iss</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> every accepted token must carry; required when <see cref="Issuer"/> is set.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Where the signing keys are. When not set, the keys' address is read from <c>jwks_uri</c> of
    /// <c>{Issuer}/.well-known/openid-configuration</c> (OIDC discovery), whose <c>issuer</c> must
    /// equal <see cref="Issuer"/>; the identity service then owns the path.
    /// </summary>
    public Uri? JwksUri { get; set; }

    /// <summary>Allow-list of <c>alg</c> values; null means <see cref="DefaultAlgorithms"/>.</summary>
    /// <remarks>Nullable because configuration binding appends to, rather than replaces, a pre-filled array.</remarks>
    public string[]? ValidAlgorithms { get; set; }

    /// <summary>Tolerance for clock drift between the issuer and this host when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How old the cached keys may get before the next request refetches them (picks up withdrawn keys).</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Least time between two fetches. A token naming an unknown <c>kid</c> triggers a refetch (a
    /// rotated key), so without this floor anyone could make the host hammer the issuer.
    /// </summary>
    public TimeSpan JwksMinRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the role → permission map read from the issuer is used before it is read again.</summary>
    public TimeSpan RolesRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    internal IReadOnlyList<string> Algorithms => ValidAlgorithms is { Length: > 0 } configured ? configured : DefaultAlgorithms;
}
