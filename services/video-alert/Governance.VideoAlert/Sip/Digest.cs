using System.Security.Cryptography;
using System.Text;

namespace Governance.VideoAlert.Sip;

/// <summary>RFC 2617 §3.2.2 request-digest with MD5 (the only algorithm GB/T 28181 devices speak), qop "auth" or none.</summary>
public static class Digest
{
    public static string Response(string username, string realm, string password, string method, string uri,
        string nonce, string? qop, string? nc, string? cnonce)
    {
        var ha1 = Md5Hex($"{username}:{realm}:{password}");
        var ha2 = Md5Hex($"{method}:{uri}");
        return string.IsNullOrEmpty(qop)
            ? Md5Hex($"{ha1}:{nonce}:{ha2}")
            : Md5Hex($"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
    }

    /// <summary>Compares in constant time, lower-casing the peer's hex first.</summary>
    public static bool Matches(string expected, string? received) =>
        received is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(received.ToLowerInvariant()));

    private static string Md5Hex(string text) =>
#pragma warning disable CA5351 // MD5 is what RFC 2617 digest and every GB/T 28181 device use; it is not our choice.
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
