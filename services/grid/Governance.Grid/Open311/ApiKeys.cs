using System.Security.Cryptography;
using System.Text;
using Governance.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Open311;

/// <summary>Makes and checks Open311 api_keys: <c>{key id}.{secret}</c>, 16 hex digits and 32 random bytes in base64url.</summary>
public static class ApiKeys
{
    public const int KeyIdLength = 16;

    /// <summary>A new key and the hash of its secret, which is all that is stored.</summary>
    public static (string KeyId, string ApiKey, byte[] Hash) Create()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (keyId, $"{keyId}.{secret}", Hash(secret));
    }

    /// <summary>The enabled client the key belongs to, or null for a missing, malformed, unknown, wrong or disabled key.</summary>
    public static async Task<Open311Client?> FindClientAsync(GridDb db, string? apiKey, CancellationToken ct)
    {
        var dot = apiKey?.IndexOf('.') ?? -1;
        if (apiKey is null || dot != KeyIdLength || apiKey.Length > 100) return null;
        var keyId = apiKey[..dot];
        var client = await db.Set<Open311Client>().AsNoTracking().FirstOrDefaultAsync(c => c.KeyId == keyId, ct);
        // Hashed even when no client matched, so a wrong key id takes as long as a wrong secret.
        var hash = Hash(apiKey[(dot + 1)..]);
        var stored = client?.KeyHash ?? new byte[32];
        return CryptographicOperations.FixedTimeEquals(hash, stored) && client is { Enabled: true } ? client : null;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
