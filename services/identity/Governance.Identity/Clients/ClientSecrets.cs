using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Identity.Clients;

/// <summary>
/// Client secrets are 256 random bits, not passwords: a plain SHA-256 is as good as a slow hash
/// (there is nothing to guess: no dictionary, no brute force within reach), and keeps client
/// authentication cheap. It is checked on every client_credentials token, aimed at 1,000 tokens/s;
/// the password hasher's 210,000 PBKDF2-HMAC-SHA512 rounds (<see cref="Users.PasswordHashing"/>) took
/// 0.67 s of one core on the 2-core test machine, which would cap it near 3 tokens/s. Compared in constant time.
/// </summary>
public static class ClientSecrets
{
    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private const string StoredPrefix = "sha256:";

    /// <summary>The hash as OpenIddict's application table holds it (see <see cref="OAuth.HashedSecretApplicationManager{T}"/>).</summary>
    public static string Stored(byte[] hash) => StoredPrefix + Convert.ToBase64String(hash);

    /// <summary>The hash from its stored form; null for anything else (e.g. a PBKDF2 value OpenIddict wrote itself).</summary>
    public static byte[]? FromStored(string? stored) =>
        stored?.StartsWith(StoredPrefix, StringComparison.Ordinal) == true ? Convert.FromBase64String(stored[StoredPrefix.Length..]) : null;

    public static bool Matches(string? presented, byte[]? storedHash) =>
        presented is not null && storedHash is not null && CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);
}
