using System.Security.Cryptography;
using System.Text;
using Governance.Identity.SignIn;

namespace Governance.Identity.Tests.SignIn;

public sealed class TotpTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    // RFC 6238 Appendix B: every row of the test vector table, 8 digits.
    [Theory]
    [InlineData(59L, "94287082", "46119246", "90693936")]
    [InlineData(1111111109L, "07081804", "68084774", "25091201")]
    [InlineData(1111111111L, "14050471", "67062674", "99943326")]
    [InlineData(1234567890L, "89005924", "91819424", "93441116")]
    [InlineData(2000000000L, "69279037", "90698825", "38618901")]
    [InlineData(20000000000L, "65353130", "77737706", "47863826")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixTime, string sha1, string sha256, string sha512)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixTime));
        Assert.Equal(sha1, Totp.Code(Sha1Seed, step, 8));
        Assert.Equal(sha256, Totp.Code(Sha256Seed, step, 8, HashAlgorithmName.SHA256));
        Assert.Equal(sha512, Totp.Code(Sha512Seed, step, 8, HashAlgorithmName.SHA512));
    }

    [Fact]
    public void A_code_matches_within_one_step_either_side_and_not_beyond()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);
        var step = Totp.StepAt(now);
        Assert.Equal(step, Totp.Match(Sha1Seed, Totp.Code(Sha1Seed, step), now));
        Assert.Equal(step - 1, Totp.Match(Sha1Seed, Totp.Code(Sha1Seed, step - 1), now));
        Assert.Equal(step + 1, Totp.Match(Sha1Seed, Totp.Code(Sha1Seed, step + 1), now));
        Assert.Null(Totp.Match(Sha1Seed, Totp.Code(Sha1Seed, step - 2), now));
        Assert.Null(Totp.Match(Sha1Seed, Totp.Code(Sha1Seed, step + 2), now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Malformed_codes_never_match(string? code) =>
        Assert.Null(Totp.Match(Sha1Seed, code, DateTimeOffset.UtcNow));

    [Fact]
    public void Base32_round_trips_and_matches_RFC_4648()
    {
        Assert.Equal("MZXW6YTBOI", Base32.Encode("foobar"u8));
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.Encode(Sha1Seed));
        var random = RandomNumberGenerator.GetBytes(20);
        Assert.Equal(random, Base32.Decode(Base32.Encode(random)));
    }
}
