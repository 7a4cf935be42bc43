using System.Security.Claims;
using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.SignIn;
using Governance.Identity.Users;
using Governance.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Governance.Identity.OAuth;

/// <summary>A principal for OpenIddict to issue tokens to, or why there is none.</summary>
public sealed record TokenSubject(ClaimsPrincipal? Principal, string? Refusal, string? OrgPath)
{
    public static TokenSubject Refused(string refusal) => new(null, refusal, null);
}

/// <summary>
/// What an access token says (RFC 9068 shape, claims <c>sub name org dept roles scope amr client_id</c>)
/// and which of it the ID token repeats. Built afresh from the account at every issue (sign-in, code
/// exchange, refresh), so a disabled account, a retired org node or a revoked role takes effect at the
/// next refresh, not at the end of the sign-in.
/// </summary>
public sealed class UserTokens(IdentityDb db, PasswordSignIn signIn, IOptions<IdentityOptions> options, TimeProvider clock)
{
    public static readonly string[] ClaimsSupported = ["sub", "name", "org", "dept", "roles", "posts", "scope", "amr", "client_id"];
    public const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>The user's token principal, checking the account may still sign in.</summary>
    /// <param name="amr">How the user authenticated (RFC 8176): <c>pwd</c>, and <c>otp mfa</c> with TOTP.</param>
    /// <param name="client">The client the tokens are for: a refresh token comes with them when it may use one.</param>
    public async Task<TokenSubject> ForUserAsync(Guid userId, IEnumerable<string> scopes, IReadOnlyCollection<string> amr, Client client, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Posts).ThenInclude(p => p.OrgNode).FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || user.Status != UserStatus.Active) return TokenSubject.Refused("The account is disabled.");
        var org = await db.OrgNodes.AsNoTracking().FirstAsync(n => n.Id == user.OrgNodeId, ct);
        if (org.IsRetired) return TokenSubject.Refused($"This account's org node {org.Path} is retired.");
        // A role that demands a second factor, granted after a password-only sign-in, needs a new sign-in.
        if (!amr.Contains("otp") && await signIn.RequiresSecondFactorAsync(user, ct))
            return TokenSubject.Refused("This account's roles now require a second factor: sign in again with a TOTP code.");

        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(GovernanceClaims.Org, org.Path)
            .SetClaim(Claims.ClientId, client.ClientId);
        if (user.DepartmentId is { } dept) identity.SetClaim(GovernanceClaims.Department, dept.ToString());
        // The posts live now; roles (theirs) for readers that know nothing of posts.
        var now = clock.GetUtcNow().UtcDateTime;
        var posts = UserPosts.ClaimsFor(user, now);
        identity.SetClaims("roles", [.. posts.Roles]);
        identity.SetClaims(GovernanceClaims.Posts, [.. posts.Posts]);
        identity.SetClaims(Claims.AuthenticationMethodReference, [.. amr]);
        // OpenIddict issues a refresh token when offline_access is granted (OIDC Core §11).
        var granted = client.Allows(ClientAdmin.RefreshToken) ? scopes.Append(Scopes.OfflineAccess).Distinct() : scopes.Where(s => s != Scopes.OfflineAccess);
        var principal = Finish(identity, granted);
        // No access token outlives a post it carries (readers of roles alone would keep its power).
        if (posts.EndsBy is { } end && end - now < options.Value.AccessTokenLifetime)
            principal.SetAccessTokenLifetime(end - now > TimeSpan.FromSeconds(1) ? end - now : TimeSpan.FromSeconds(1));
        return new TokenSubject(principal, null, org.Path);
    }

    /// <summary>A department's system (client credentials): it acts as itself, within its org node, with its roles.</summary>
    public ClaimsPrincipal ForClient(Client client, IEnumerable<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, client.ClientId)
            .SetClaim(Claims.Name, client.Name)
            .SetClaim(GovernanceClaims.Org, client.OrgPath)
            .SetClaim(Claims.ClientId, client.ClientId);
        identity.SetClaims("roles", [.. client.RoleList]);
        return Finish(identity, scopes);
    }

    private static ClaimsIdentity NewIdentity() => new(Scheme, Claims.Subject, "roles");

    private ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetAudiences(options.Value.Audience);
        principal.SetDestinations(Destinations);
        return principal;
    }

    // Everything goes into the access token; the ID token (for the client that signed the user in)
    // repeats who and how, not what the user may do.
    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Name or Claims.AuthenticationMethodReference or GovernanceClaims.Org => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
