using System.Buffers.Binary;
using Governance.Identity.Tests.Infrastructure;
using Governance.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Identity.Tests.SignIn;

/// <summary>Passwords at OWASP's work factor for PBKDF2-HMAC-SHA512, and older hashes brought up to it at sign-in.</summary>
public sealed class PasswordHashingTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>ASP.NET Core's V3 format: 0x01, then PRF, iteration count and salt length, each a big-endian uint32.</summary>
    private static (byte Format, uint Prf, uint Iterations, uint SaltLength) V3(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return (bytes[0], BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)),
            BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9)));
    }

    private const uint HmacSha512 = 2; // KeyDerivationPrf.HMACSHA512

    private Task<string> StoredHashAsync(Guid id) => f.Identity.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.PasswordHash!).SingleAsync(Ct));

    [Fact]
    public void New_passwords_are_hashed_with_PBKDF2_HMAC_SHA512_at_210000_iterations()
    {
        var hasher = f.Identity.Services.GetRequiredService<IPasswordHasher<User>>();
        var hash = hasher.HashPassword(new User { UserName = "x", DisplayName = "x" }, TokenFixture.StrongPassword);
        Assert.Equal(((byte)0x01, HmacSha512, 210_000u, 16u), V3(hash));
    }

    [Fact]
    public async Task A_hash_made_with_100000_iterations_is_replaced_at_the_next_sign_in_and_the_password_still_works()
    {
        var (user, _) = await f.AddUserAsync("old.hash", roles: "mediator");
        var legacy = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }))
            .HashPassword(user, TokenFixture.StrongPassword);
        await f.Identity.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, legacy), Ct));
        Assert.Equal(100_000u, V3(await StoredHashAsync(user.Id)).Iterations);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await f.PasswordAsync("old.hash")).StatusCode);

        var renewed = await StoredHashAsync(user.Id);
        Assert.Equal(((byte)0x01, HmacSha512, 210_000u, 16u), V3(renewed));
        Assert.NotEqual(legacy, renewed);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await f.PasswordAsync("old.hash")).StatusCode);
        // Once current, a hash stays as it is: nothing is rewritten at every sign-in.
        Assert.Equal(renewed, await StoredHashAsync(user.Id));
    }

    [Fact]
    public async Task A_wrong_password_leaves_an_old_hash_as_it_was()
    {
        var (user, _) = await f.AddUserAsync("old.hash.wrong", roles: "mediator");
        var legacy = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }))
            .HashPassword(user, TokenFixture.StrongPassword);
        await f.Identity.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, legacy), Ct));

        await TokenFixture.AssertErrorAsync(await f.PasswordAsync("old.hash.wrong", "Wrong-Password-1"), "invalid_grant");

        Assert.Equal(legacy, await StoredHashAsync(user.Id));
    }
}
