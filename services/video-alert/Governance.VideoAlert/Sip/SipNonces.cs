using System.Security.Cryptography;
using System.Text;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// Nonces the platform issues in its 401 challenges: "issued-at.random.HMAC" signed with a key made at start-up, so
/// a nonce we never issued, or one past its lifetime, is refused without remembering any of them. Expired ones are
/// answered with a fresh challenge marked stale=true, so the device retries without asking its user again.
/// </summary>
public sealed class SipNonces(TimeProvider clock, TimeSpan lifetime)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

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

    private string Sign(string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(text)))[..32];
}

public enum NonceCheck
{
    Valid,
    Expired,
    Unknown,
}
