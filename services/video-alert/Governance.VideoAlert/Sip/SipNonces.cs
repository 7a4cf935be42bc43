using System.Security.Cryptography;
using System.Text;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// Nonces the platform issues in its 401 challenges: "issued-at.random.HMAC" signed with a key made at start-up, so
/// a nonce we never issued, or one past its lifetime, is refused without remembering any of them. Expired ones are
/// answered with a fresh challenge marked stale=true, so the device retries without asking its user again. Used
/// nonces are remembered (bounded, until they expire) with their highest nonce-count, so a captured REGISTER cannot
/// be replayed to move a device's registration to another address.
/// </summary>
public sealed class SipNonces(TimeProvider clock, TimeSpan lifetime, int capacity = 100_000)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, (long Count, DateTimeOffset Expires)> _used = new(StringComparer.Ordinal);

    public string Issue()
    {
        var issued = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return $"{issued}.{random}.{Sign(issued + "." + random)}";
    }

    public NonceCheck Check(string? nonce)
    {
        if (nonce is null) return NonceCheck.Unknown;
        var parts = nonce.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[0], out var issued)) return NonceCheck.Unknown;
        var expected = Sign(parts[0] + "." + parts[1]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2])))
            return NonceCheck.Unknown;
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        return age < TimeSpan.Zero || age > lifetime ? NonceCheck.Expired : NonceCheck.Valid;
    }

    /// <summary>
    /// Records one use of a valid nonce: true when <paramref name="nonceCount"/> (hex, RFC 2617 nc) is above every
    /// count seen with it before. Without qop there is no count, so such a nonce serves once. False as well when the
    /// memory is full: the device is challenged again rather than let through unchecked.
    /// </summary>
    public bool TryUse(string nonce, string? nonceCount)
    {
        long count = 0;
        if (nonceCount is not null && !long.TryParse(nonceCount, System.Globalization.NumberStyles.HexNumber, null, out count)) return false;
        var now = clock.GetUtcNow();
        lock (_used)
        {
            if (_used.TryGetValue(nonce, out var seen))
            {
                if (count <= seen.Count) return false;
                _used[nonce] = (count, seen.Expires);
                return true;
            }
            if (_used.Count >= capacity)
            {
                foreach (var (key, entry) in _used.ToList())
                    if (entry.Expires <= now) _used.Remove(key);
                if (_used.Count >= capacity) return false;
            }
            _used[nonce] = (count, now + lifetime);
            return true;
        }
    }

    private string Sign(string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(text)))[..32];
}

public enum NonceCheck
{
    Valid,
    Expired,
    Unknown,
}
