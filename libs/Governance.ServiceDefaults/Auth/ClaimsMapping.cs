using System.Security.Claims;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// Builds the principal's identity from a validated token's claims, normalising <c>roles</c> /
/// <c>role</c> and <c>scope</c> (JSON array or space-separated string) to one claim per value, and
/// refusing a token whose <c>org</c> or <c>posts</c> break their format.
/// </summary>
internal static class ClaimsMapping
{
    private static readonly HashSet<string> Normalised = ["roles", "role", "scope", "scp"];

    /// <summary>The identity, or null with the reason when the token breaks the claims contract.</summary>
    public static ClaimsIdentity? ToIdentity(ClaimsIdentity token, string scheme, out string? refusal)
    {
        refusal = null;
        if (token.FindFirst(GovernanceClaims.Subject) is null) refusal = TokenRefusal.NoSubject;
        else if (token.FindFirst(GovernanceClaims.Org) is { } org && !OrgPath.TryParse(org.Value, out _)) refusal = TokenRefusal.BadOrg;
        // Checked once here, so that every later reader (Caller.From) may parse them without failing.
        else if (token.FindAll(GovernanceClaims.Posts).Any(p => !Post.TryParseClaimValue(p.Value, out _))) refusal = TokenRefusal.BadPosts;
        if (refusal is not null) return null;

        var claims = token.Claims.Where(c => !Normalised.Contains(c.Type)).ToList();
        claims.AddRange(Split(token, GovernanceClaims.Role, "roles", "role"));
        claims.AddRange(Split(token, GovernanceClaims.Scope, "scope", "scp"));
        return new ClaimsIdentity(claims, scheme, GovernanceClaims.Subject, GovernanceClaims.Role);
    }

    private static IEnumerable<Claim> Split(ClaimsIdentity token, string type, params string[] sources) =>
        token.Claims.Where(c => sources.Contains(c.Type))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .Select(value => new Claim(type, value));
}
