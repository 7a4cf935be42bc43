namespace Governance.Identity;

/// <summary>
/// The identity service's settings. JSON shape:
/// <code>
/// "Identity": {
///   "Issuer": "https://identity.county.gov.cn",      // the iss of every token; Auth:Issuer of every service
///   "Audience": "governance",                         // the aud of every access token
///   "AccessTokenLifetime": "00:05:00",
///   "RefreshTokenLifetime": "08:00:00",
///   "KeyEncryptionKey": "base64 of 32 random bytes",  // from a secret, never a values file
///   "KeyEncryptionKeyFile": null                      // standalone only: generated on first start
/// }
/// </code>
/// </summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>The issuer URL; defaults to <c>Auth:Issuer</c>, which every host reads to trust tokens.</summary>
    public string? Issuer { get; set; }

    public string Audience { get; set; } = "governance";
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Base64 of the 32-byte AES key that encrypts signing keys and TOTP secrets at rest.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>
    /// A file holding <see cref="KeyEncryptionKey"/>, created with a fresh random key when missing.
    /// For the standalone host, whose data lives on one disk anyway; a cluster sets the key from a secret.
    /// </summary>
    public string? KeyEncryptionKeyFile { get; set; }
}
