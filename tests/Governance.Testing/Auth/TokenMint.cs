using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Testing.Auth;

/// <summary>Makes tokens for a <see cref="TestIssuer"/>: proper ones, and the forgeries an attacker would try.</summary>
public sealed class TokenMint(string issuer, string audience)
{
    public const string Org = "632801/632801001";

    // Times are set explicitly, so that a test can also leave out the expiry.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A token for user u-1042, mediator in <see cref="Org"/>, valid for an hour; <paramref name="edit"/> changes it.</summary>
    public string Create(SigningKey key, Action<SecurityTokenDescriptor>? edit = null, string? algorithm = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "u-1042", ["org"] = Org, ["roles"] = new[] { "mediator" } },
            SigningCredentials = new SigningCredentials(key.Key, algorithm ?? key.Algorithm),
        };
        edit?.Invoke(descriptor);
        return Handler.CreateToken(descriptor);
    }

    /// <summary>A token with the given claims (replacing the default ones).</summary>
    public string WithClaims(SigningKey key, Dictionary<string, object> claims) => Create(key, d => d.Claims = claims);

    /// <summary><paramref name="token"/> with its org changed to a sibling's, keeping the original signature.</summary>
    public static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(Org, "632801/632801002");
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    /// <summary>The payload of <paramref name="token"/> under <c>alg: none</c> with no signature.</summary>
    public static string Unsigned(string token) =>
        $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{token.Split('.')[1]}.";

    /// <summary>
    /// The payload of <paramref name="token"/> under HS256, keyed with a published key's public bytes:
    /// a verifier that lets the token pick the algorithm would accept it.
    /// </summary>
    public static string HmacWithPublicKey(string token, SigningKey key)
    {
        var signed = $"{Base64UrlEncoder.Encode($$"""{"alg":"HS256","typ":"JWT","kid":"{{key.Kid}}"}""")}.{token.Split('.')[1]}";
        var signature = HMACSHA256.HashData(key.PublicKeyBytes(), Encoding.ASCII.GetBytes(signed));
        return $"{signed}.{Base64UrlEncoder.Encode(signature)}";
    }
}
