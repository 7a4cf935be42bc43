using System.Security.Cryptography;
using System.Text;

namespace Governance.VideoAlert.Webhook;

/// <summary>
/// The webhook's API keys: 32 random bytes in base64url (43 characters), kept as their SHA-256 hash with the first
/// characters as a look-up prefix. A key is long and random, so a plain hash (no salt, no stretching) is enough: there
/// is nothing to guess from a dictionary. Hashes are compared in constant time.
/// </summary>
public static class ApiKeys
{
    public const int PrefixLength = 8;
    private const int KeyLength = 43;

    public static string NewKey() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The look-up prefix of a presented key, or null when it cannot be one of ours (wrong length or alphabet).</summary>
    public static string? PrefixOf(string? key) =>
        key is { Length: KeyLength } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? key[..PrefixLength] : null;

    public static bool Matches(string key, byte[] hash) => CryptographicOperations.FixedTimeEquals(Hash(key), hash);

    /// <summary>A short random id for a source, <c>wh-</c> and 10 lowercase letters or digits.</summary>
    public static string NewSourceId() => "wh-" + RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 10);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
