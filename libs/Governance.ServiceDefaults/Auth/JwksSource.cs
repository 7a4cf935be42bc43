using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Governance.ServiceDefaults.Auth;

/// <summary>Fetches the issuer's signing keys: finds the JWKS by OIDC discovery unless configured, then reads it.</summary>
internal sealed class JwksSource(IHttpClientFactory httpClients, IOptions<AuthOptions> options)
{
    public const string HttpClientName = "Governance.Auth.Jwks";

    private Uri? _jwksUri;

    public Uri? JwksUri => _jwksUri ?? options.Value.JwksUri;

    /// <summary>The asymmetric signing keys the issuer publishes now; throws when it cannot tell.</summary>
    public async Task<IReadOnlyList<SecurityKey>> FetchAsync(CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        _jwksUri ??= options.Value.JwksUri ?? await DiscoverAsync(http, cancellationToken);
        var set = new JsonWebKeySet(await http.GetStringAsync(_jwksUri, cancellationToken));
        // A symmetric key in the set would let a token signed with it pass whatever the algorithm
        // allow-list says; only RSA and EC keys can sign tokens for us.
        var keys = set.GetSigningKeys().Where(k => k is RsaSecurityKey or ECDsaSecurityKey or X509SecurityKey).ToList();
        return keys.Count > 0 ? keys : throw new InvalidDataException($"The key set at {_jwksUri} holds no RSA or EC signing key.");
    }

    private async Task<Uri> DiscoverAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var issuer = options.Value.Issuer!;
        var discovery = new Uri(issuer.TrimEnd('/') + "/.well-known/openid-configuration");
        using var document = JsonDocument.Parse(await http.GetStringAsync(discovery, cancellationToken));
        var root = document.RootElement;
        // OIDC Discovery 1.0 §4.3: a document naming another issuer must not be used (mix-up attacks).
        if (root.GetProperty("issuer").GetString() != issuer)
            throw new InvalidDataException($"The discovery document at {discovery} names another issuer.");
        return new Uri(root.GetProperty("jwks_uri").GetString()
            ?? throw new InvalidDataException($"The discovery document at {discovery} has no jwks_uri."));
    }
}
