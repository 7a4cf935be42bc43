using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.Configuration;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// The issuer's discovery document and keys, through IdentityModel's configuration manager: read on
/// first use, again every <see cref="AuthOptions.JwksRefreshInterval"/>, and when a token names an
/// unknown <c>kid</c> (JwtBearer's <c>RefreshOnIssuerKeyNotFound</c>), at most once per
/// <see cref="AuthOptions.JwksMinRefreshInterval"/>. A failed read keeps the current keys; a key
/// the issuer withdrew is refused as soon as the keys have been read again.
/// </summary>
internal static class IssuerConfiguration
{
    /// <summary>The HTTP client reading the issuer's documents (discovery, keys, roles).</summary>
    public const string HttpClientName = "Governance.Auth.Issuer";

    public static ConfigurationManager<OpenIdConnectConfiguration> Create(AuthOptions options, HttpClient http) =>
        new(options.Metadata, new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http) { RequireHttps = options.HttpsRequired },
            new SameIssuer(options.Issuer!))
        {
            AutomaticRefreshInterval = options.JwksRefreshInterval,
            RefreshInterval = options.JwksMinRefreshInterval,
            // Off: with it, a token whose key the issuer has withdrawn would still pass against the
            // "last known good" key set for an hour. A failed read keeps the current keys anyway.
            UseLastKnownGoodConfiguration = false,
        };

    /// <summary>OIDC Discovery 1.0 §4.3: a document naming another issuer must not be used (mix-up attacks).</summary>
    private sealed class SameIssuer(string issuer) : IConfigurationValidator<OpenIdConnectConfiguration>
    {
        public ConfigurationValidationResult Validate(OpenIdConnectConfiguration configuration) =>
            configuration.Issuer?.TrimEnd('/') != issuer.TrimEnd('/')
                ? new() { ErrorMessage = "The discovery document names another issuer.", Succeeded = false }
                : configuration.SigningKeys.Count == 0
                    ? new() { ErrorMessage = "The issuer publishes no signing key.", Succeeded = false }
                    : new() { Succeeded = true };
    }
}
