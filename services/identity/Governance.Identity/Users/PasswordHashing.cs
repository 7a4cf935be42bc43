using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Governance.Identity.Users;

/// <summary>
/// How passwords are stored: ASP.NET Core's <see cref="PasswordHasher{TUser}"/> in its V3 format,
/// PBKDF2-HMAC-SHA512 with a 128-bit salt, at OWASP's current work factor for that function
/// (Password Storage Cheat Sheet: 210,000 iterations; the framework's default is 100,000). The
/// format records its own iteration count, so older hashes still verify: the hasher answers
/// <see cref="PasswordVerificationResult.SuccessRehashNeeded"/> for them, and the next successful
/// sign-in stores a new hash (<see cref="SignIn.PasswordSignIn"/>).
/// </summary>
/// <remarks>
/// V3 layout, for whoever inspects a stored hash: byte 0 = 0x01, then the PRF (uint32 big-endian,
/// 2 = HMAC-SHA512), the iteration count (uint32 BE), the salt length (uint32 BE), the salt, the
/// 256-bit subkey; all base64. Client secrets are not passwords and are not hashed here
/// (<see cref="Clients.ClientSecrets"/>).
/// </remarks>
public static class PasswordHashing
{
    public const int Iterations = 210_000;

    /// <summary>The options every password hasher of the service uses.</summary>
    public static void Configure(PasswordHasherOptions options)
    {
        options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
        options.IterationCount = Iterations;
    }

    /// <summary>A hasher with <see cref="Configure"/>'s options, for work done outside the container (the sign-in's dummy hash).</summary>
    public static PasswordHasher<User> NewHasher()
    {
        var options = new PasswordHasherOptions();
        Configure(options);
        return new PasswordHasher<User>(Options.Create(options));
    }
}
