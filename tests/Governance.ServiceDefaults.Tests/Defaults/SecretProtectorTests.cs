using System.Security.Cryptography;
using System.Text;
using Governance.ServiceDefaults.Security;

namespace Governance.ServiceDefaults.Tests.Defaults;

/// <summary>AES-GCM at rest, its instances reused across calls: many threads at once, and refusals in between, change nothing.</summary>
public sealed class SecretProtectorTests
{
    [Fact]
    public void Values_protected_and_read_on_many_threads_at_once_come_back_and_a_tampered_or_misbound_one_fails_alone()
    {
        var protector = new SecretProtector(RandomNumberGenerator.GetBytes(32));
        var tampered = protector.Protect("632801199001011235"u8, "person:1:documentNumber");
        tampered[^1] ^= 1;
        var otherPurpose = protector.Protect("13812345678"u8, "person:1:phone");

        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var plain = Encoding.UTF8.GetBytes($"value {i}");
            var purpose = $"person:{i}:phone";
            var sealedValue = protector.Protect(plain, purpose);
            Assert.Equal(plain, protector.Unprotect(sealedValue, purpose));
            // Refusals on the same instances, interleaved: each fails, and the next value still reads.
            if (i % 7 == 0) Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered, "person:1:documentNumber"));
            if (i % 11 == 0) Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(otherPurpose, "person:2:phone"));
        });
        Assert.Equal("13812345678"u8.ToArray(), protector.Unprotect(otherPurpose, "person:1:phone"));
    }
}
