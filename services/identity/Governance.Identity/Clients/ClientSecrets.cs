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

    public static bool Matches(string? presented, byte[]? storedHash) =>
        presented is not null && storedHash is not null && CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);
}
