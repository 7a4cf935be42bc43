using System.Security.Cryptography;
using Governance.ServiceDefaults.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Identity.Tokens;

/// <summary>What an access token says about its holder.</summary>
/// <param name="Subject">A user id, or a client's id for client credentials.</param>
/// <param name="Amr">Authentication methods (RFC 8176): <c>pwd</c>, <c>otp</c>, <c>mfa</c>; empty for a client.</param>
/// <param name="Posts">A user's live posts as <c>posts</c> claim values (<see cref="Users.UserPosts.ClaimsFor"/>); null for a client, whose roles are held at its org.</param>
/// <param name="NotAfter">The token ends by then at the latest: the first end among its posts.</param>
public sealed record AccessTokenClaims(
    string Subject, string? Name, string? Org, string? Department, IReadOnlyCollection<string> Roles,
    IReadOnlyCollection<string> Scopes, IReadOnlyCollection<string> Amr, string ClientId,
    IReadOnlyCollection<string>? Posts = null, DateTime? NotAfter = null);

/// <summary>An issued access token and its lifetime.</summary>
public sealed record IssuedAccessToken(string Token, string TokenId, DateTime ExpiresAt, int ExpiresInSeconds);

/// <summary>Signs JWT access tokens (RFC 9068 shape) with the current key.</summary>
public sealed class AccessTokenFactory(SigningKeyStore keys, TimeProvider clock, IOptions<IdentityOptions> options)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<IssuedAccessToken> CreateAsync(AccessTokenClaims claims, CancellationToken ct)
    {
        var settings = options.Value;
        var issuer = settings.Issuer ?? throw new InvalidOperationException("Identity:Issuer (or Auth:Issuer) is not set: tokens need an issuer.");
        var now = clock.GetUtcNow().UtcDateTime;
        // Capped at the first post's end, so that a reader of roles and org alone (introspection, a
        // client that knows nothing of posts) never holds an ended post's role either.
        var expires = claims.NotAfter is { } end && end < now + settings.AccessTokenLifetime ? end : now + settings.AccessTokenLifetime;
        var jti = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var payload = new Dictionary<string, object>
        {
            [GovernanceClaims.Subject] = claims.Subject,
            [GovernanceClaims.ClientId] = claims.ClientId,
            ["jti"] = jti,
            ["roles"] = claims.Roles.ToArray(),
            [GovernanceClaims.Scope] = string.Join(' ', claims.Scopes),
        };
        if (claims.Name is not null) payload["name"] = claims.Name;
        if (claims.Org is not null) payload[GovernanceClaims.Org] = claims.Org;
        if (claims.Department is not null) payload["dept"] = claims.Department;
        if (claims.Amr.Count > 0) payload["amr"] = claims.Amr.ToArray();
        if (claims.Posts is not null) payload[GovernanceClaims.Posts] = claims.Posts.ToArray();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            Claims = payload,
            SigningCredentials = await keys.CurrentAsync(ct),
            TokenType = "at+jwt",
        };
        return new IssuedAccessToken(Handler.CreateToken(descriptor), jti, expires, (int)(expires - now).TotalSeconds);
    }
}
