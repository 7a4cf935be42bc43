using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Identity.Clients;

/// <summary>
/// Client secrets are 256 random bits, so a plain SHA-256 is as good as a slow hash (there is
/// nothing to guess), and keeps client authentication cheap. Compared in constant time.
/// </summary>
public static class ClientSecrets
{
    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string? presented, byte[]? storedHash) =>
        presented is not null && storedHash is not null && CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);
}
