using System.Security.Cryptography;

namespace Governance.Identity.SignIn;

/// <summary>
/// RFC 6238 time-based one-time passwords as authenticator apps compute them: HMAC-SHA-1,
/// 6 digits, 30-second steps from the Unix epoch; a code of the step before or after is accepted
/// too (clock drift, RFC 6238 §5.2). Which step a code matched is returned so that the caller can
/// refuse it a second time.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);
    public const int SecretBytes = 20; // 160 bits: RFC 4226 §4 recommends it for HMAC-SHA-1

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    /// <summary>The code for <paramref name="step"/> (RFC 4226 HOTP with the step as counter), <paramref name="digits"/> long.</summary>
    public static string Code(ReadOnlySpan<byte> secret, long step, int digits = Digits, HashAlgorithmName? algorithm = null)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var alg = algorithm ?? HashAlgorithmName.SHA1;
        var hash = alg == HashAlgorithmName.SHA256 ? HMACSHA256.HashData(secret, counter)
            : alg == HashAlgorithmName.SHA512 ? HMACSHA512.HashData(secret, counter)
            : HMACSHA1.HashData(secret, counter);
        // Dynamic truncation, RFC 4226 §5.3.
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>The step whose code <paramref name="code"/> is, within one step of <paramref name="now"/>; null when none matches.</summary>
    public static long? Match(ReadOnlySpan<byte> secret, string? code, DateTimeOffset now)
    {
        if (code is null || code.Length != Digits || !code.All(char.IsAsciiDigit)) return null;
        var current = StepAt(now);
        long? matched = null;
        // Every candidate is computed and compared in constant time: no early exit tells which step matched.
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code)))
                matched ??= step;
        }
        return matched;
    }
}
