using Governance.Identity.Tokens;
using Governance.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Governance.Identity.OAuth;

/// <summary>
/// OpenIddict's settings from identity's: issuer, lifetimes, PKCE S256 only, the legacy password
/// grant, and the keys. Two kinds of keys: the ES256 keys of <see cref="SigningKeyStore"/> sign what
/// others validate (access and ID tokens, published in the JWKS); keys derived from the key
/// encryption key sign and encrypt what only identity reads back (codes, refresh tokens), so those
/// outlive signing-key rotation and every replica derives the same ones.
/// </summary>
internal sealed class ServerOptionsSetup(SigningKeyStore keys, SecretProtector protector, IOptions<IdentityOptions> identity,
    IOptions<OAuthOptions> oauth) : IConfigureOptions<OpenIddictServerOptions>, IConfigureOptions<OpenIddictServerAspNetCoreOptions>
{
    internal const string InternalKeyId = "internal";
    private const string InternalSigningPurpose = "openiddict:token-signing";
    private const string EncryptionPurpose = "openiddict:token-encryption";

    public void Configure(OpenIddictServerOptions options)
    {
        var settings = identity.Value;
        if (settings.Issuer is { } issuer) options.Issuer = new Uri(issuer);
        options.AccessTokenLifetime = settings.AccessTokenLifetime;
        options.IdentityTokenLifetime = settings.AccessTokenLifetime;
        options.RefreshTokenLifetime = settings.RefreshTokenLifetime;
        options.AuthorizationCodeLifetime = oauth.Value.AuthorizationCodeLifetime;
        options.RefreshTokenReuseLeeway = oauth.Value.RefreshTokenReuseLeeway;
        // RFC 9700 §2.1.1: plain sends the verifier's equal in the front channel; only S256.
        options.CodeChallengeMethods.Clear();
        options.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
        if (oauth.Value.LegacyPasswordGrant) options.GrantTypes.Add(GrantTypes.Password);

        options.SigningCredentials.Add(InternalSigningCredentials(protector));
        options.SigningCredentials.AddRange(keys.Loaded().Published);
        options.EncryptionCredentials.Add(new EncryptingCredentials(
            new SymmetricSecurityKey(protector.DeriveKey(EncryptionPurpose, 32)), SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    public void Configure(OpenIddictServerAspNetCoreOptions options) =>
        // http only where the issuer itself is (the standalone demo and tests on loopback); a deployed
        // issuer is https, and then OpenIddict refuses protocol requests over plain http.
        options.DisableTransportSecurityRequirement = identity.Value.Issuer?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true;

    private static SigningCredentials InternalSigningCredentials(SecretProtector protector) =>
        new(new SymmetricSecurityKey(protector.DeriveKey(InternalSigningPurpose, 64)) { KeyId = InternalKeyId }, SecurityAlgorithms.HmacSha256);
}
