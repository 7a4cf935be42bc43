using Governance.Identity.Audit;
using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.SignIn;
using Governance.Identity.Users;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tokens;

/// <summary>
/// The grants of <c>POST /connect/token</c> (RFC 6749): client credentials for departments'
/// systems, password (with TOTP where a role requires it) for first-party apps, and refresh with
/// rotation. Each issued token is audited in the same save as the refresh token it comes with.
/// </summary>
public sealed class TokenGrants(IdentityDb db, ClientAuthenticator clients, PasswordSignIn signIn, RefreshTokenStore refreshTokens,
    AccessTokenFactory accessTokens, AuditTrail audit, TimeProvider clock)
{
    private static readonly string[] Supported = [ClientAdmin.ClientCredentials, ClientAdmin.Password, ClientAdmin.RefreshToken];
    private const string RefreshRefused = "The refresh token is unknown, expired or revoked.";

    public async Task<Dictionary<string, object>> IssueAsync(TokenRequest request, CancellationToken ct)
    {
        var grant = request.Required("grant_type");
        if (!Supported.Contains(grant))
            throw TokenError.UnsupportedGrantType($"The grant type '{grant}' is not supported: use client_credentials, password or refresh_token.");
        var client = await clients.AuthenticateAsync(request, ct);
        if (!client.Allows(grant) || (client.IsPublic && grant == ClientAdmin.ClientCredentials))
            throw TokenError.UnauthorizedClient($"The client {client.ClientId} may not use the {grant} grant.");
        return grant switch
        {
            ClientAdmin.ClientCredentials => await ClientCredentialsAsync(request, client, ct),
            ClientAdmin.Password => await PasswordAsync(request, client, ct),
            _ => await RefreshAsync(request, client, ct),
        };
    }

    private async Task<Dictionary<string, object>> ClientCredentialsAsync(TokenRequest request, Client client, CancellationToken ct)
    {
        var scopes = Scopes(request, client.ScopeList);
        if (!await db.OrgNodes.AnyAsync(n => n.Path == client.OrgPath && n.RetiredAt == null, ct))
            throw TokenError.UnauthorizedClient($"The client's org node {client.OrgPath} is retired: the client can no longer act.");
        var token = await accessTokens.CreateAsync(new AccessTokenClaims(
            client.ClientId, client.Name, client.OrgPath, null, client.RoleList, scopes, [], client.ClientId), ct);
        audit.Add(db, client.ClientId, AuditActions.TokenIssued, client.ClientId, client.OrgPath, $"client_credentials; scope {string.Join(' ', scopes)}; jti {token.TokenId}");
        await db.SaveChangesAsync(ct);
        return Response(token, scopes, null);
    }

    private async Task<Dictionary<string, object>> PasswordAsync(TokenRequest request, Client client, CancellationToken ct)
    {
        var userName = request.Required("username");
        var password = request.Required("password");
        var scopes = Scopes(request, client.ScopeList);
        SignedIn signedIn;
        try { signedIn = await signIn.SignInAsync(userName, password, request["totp"], client.ClientId, ct); }
        catch (SignInRefused refused) { throw TokenError.InvalidGrant(refused.Message); }
        var refresh = client.Allows(ClientAdmin.RefreshToken)
            ? refreshTokens.Add(signedIn.User.Id, client.ClientId, scopes, signedIn.Amr)
            : null;
        return await IssueForUserAsync(signedIn.User, signedIn.Org.Path, scopes, signedIn.Amr, client, refresh, "password", ct);
    }

    private async Task<Dictionary<string, object>> RefreshAsync(TokenRequest request, Client client, CancellationToken ct)
    {
        var presented = await refreshTokens.FindAsync(request.Required("refresh_token"), ct);
        // Another client's token is answered like an unknown one: its holder learns nothing about it.
        if (presented is null || presented.ClientId != client.ClientId || presented.RevokedAt is not null)
            throw TokenError.InvalidGrant(RefreshRefused);
        if (presented.UsedAt is not null) throw await ReuseAsync(presented, ct);
        if (clock.GetUtcNow().UtcDateTime >= presented.FamilyExpiresAt) throw TokenError.InvalidGrant(RefreshRefused);
        // Checked before the token is spent, so that a bad scope does not cost the client its session.
        var scopes = Scopes(request, Client.Split(presented.Scopes));
        var amr = Client.Split(presented.Amr);
        if (!await refreshTokens.TryMarkUsedAsync(presented, ct)) throw await ReuseAsync(presented, ct);

        var user = await db.Users.AsNoTracking().Include(u => u.Posts).ThenInclude(p => p.OrgNode).FirstOrDefaultAsync(u => u.Id == presented.UserId, ct);
        if (user is null || user.Status != UserStatus.Active) throw TokenError.InvalidGrant("The account is disabled.");
        var org = await db.OrgNodes.AsNoTracking().FirstAsync(n => n.Id == user.OrgNodeId, ct);
        if (org.IsRetired) throw TokenError.InvalidGrant($"This account's org node {org.Path} is retired.");
        // A role that demands a second factor, granted after a password-only sign-in, needs a new sign-in.
        if (!amr.Contains("otp") && await signIn.RequiresSecondFactorAsync(user, ct))
            throw TokenError.InvalidGrant("This account's roles now require a second factor: sign in again with a TOTP code.");
        var refresh = refreshTokens.Add(user.Id, client.ClientId, scopes, amr, presented);
        return await IssueForUserAsync(user, org.Path, scopes, amr, client, refresh, "refresh_token", ct);
    }

    private async Task<TokenError> ReuseAsync(RefreshToken presented, CancellationToken ct)
    {
        // A rotated token came back: either its rightful holder or a thief has a copy, and we cannot
        // tell which, so the whole sign-in ends (OAuth 2.0 Security BCP §4.14.2).
        await refreshTokens.RevokeFamilyAsync(presented, presented.ClientId, AuditActions.RefreshReused, "a rotated refresh token was presented again", null, ct);
        return TokenError.InvalidGrant("The refresh token was used already: every token of this sign-in is revoked; sign in again.");
    }

    private async Task<Dictionary<string, object>> IssueForUserAsync(User user, string org, IReadOnlyList<string> scopes,
        IReadOnlyList<string> amr, Client client, string? refresh, string grant, CancellationToken ct)
    {
        // The posts that count now, with their ends; the token ends no later than the first of them.
        var posts = UserPosts.ClaimsFor(user, clock.GetUtcNow().UtcDateTime);
        var token = await accessTokens.CreateAsync(new AccessTokenClaims(user.Id.ToString(), user.DisplayName, org,
            user.DepartmentId?.ToString(), posts.Roles, scopes, amr, client.ClientId, posts.Posts, posts.EndsBy), ct);
        audit.Add(db, user.Id.ToString(), AuditActions.TokenIssued, user.Id.ToString(), org,
            $"{grant}; client {client.ClientId}; scope {string.Join(' ', scopes)}; jti {token.TokenId}");
        await db.SaveChangesAsync(ct);
        return Response(token, scopes, refresh);
    }

    /// <summary>RFC 6749 §3.3: the requested scopes, each allowed; none requested means all allowed.</summary>
    private static IReadOnlyList<string> Scopes(TokenRequest request, IReadOnlyList<string> allowed)
    {
        if (request["scope"] is not { } requested) return allowed;
        var scopes = Client.Split(requested).Distinct(StringComparer.Ordinal).ToList();
        var refused = scopes.Where(s => !allowed.Contains(s, StringComparer.Ordinal)).ToList();
        return refused.Count == 0 ? scopes
            : throw TokenError.InvalidScope($"The scope {string.Join(' ', refused)} is not granted to this client (or to this sign-in).");
    }

    private static Dictionary<string, object> Response(IssuedAccessToken token, IReadOnlyList<string> scopes, string? refresh)
    {
        var response = new Dictionary<string, object>
        {
            ["access_token"] = token.Token, ["token_type"] = "Bearer", ["expires_in"] = token.ExpiresInSeconds, ["scope"] = string.Join(' ', scopes),
        };
        if (refresh is not null) response["refresh_token"] = refresh;
        return response;
    }
}
