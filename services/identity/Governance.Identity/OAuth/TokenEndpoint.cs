using System.Security.Claims;
using Governance.Identity.Audit;
using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Governance.Identity.OAuth;

/// <summary>
/// <c>POST /connect/token</c> after OpenIddict has validated the request (client authentication,
/// grant permissions, PKCE, the code or refresh token): decides who the token is for. Each issued
/// token is audited in the same save as OpenIddict's entry for it; a client-credentials token, which
/// is not stored, has its line committed before it is sent.
/// </summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(OAuthServerExtensions.TokenPath, ExchangeAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> ExchangeAsync(HttpContext http, IdentityDb db, UserTokens tokens, PasswordSignIn signIn,
        ProtocolRateLimit limit, AuditTrail audit, ClientDirectory clients, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict token request.");
        var clientId = request.ClientId!;
        var found = await clients.FindAsync(clientId, db, ct);
        var client = found?.Client;
        if (client is null || !client.Enabled)
            // Worded as OpenIddict words an unknown client: the answer does not tell which client ids exist.
            return Refuse(Errors.InvalidClient, "The specified 'client_id' is invalid.");

        ClaimsPrincipal principal;
        string subject, org, grant = request.GrantType!;
        if (request.IsClientCredentialsGrantType())
        {
            if (client.OrgPath is null || !found!.OrgActive)
                return Refuse(Errors.UnauthorizedClient, $"The client's org node {client.OrgPath} is retired: the client can no longer act.");
            principal = tokens.ForClient(client, ScopesOf(request, client));
            // The token is not stored (UnstoredClientTokensHandler): its line is committed on its own,
            // before the token is signed and sent.
            await audit.CommitAsync(client.ClientId, AuditActions.TokenIssued, client.ClientId, client.OrgPath, Detail(grant, clientId, principal), ct);
            return SignIn(principal);
        }
        else if (request.IsPasswordGrantType())
        {
            // Reached only when a deployment allows the legacy grant, and only by clients granted it (the cli).
            if (!limit.TryAcquireForUserName(request.Username ?? ""))
                return Refuse(Errors.InvalidGrant, "这个用户名的尝试过于频繁，请稍后再试。Too many attempts for this user name: try again in a moment.");
            SignedIn signedIn;
            try { signedIn = await signIn.SignInAsync(request.Username ?? "", request.Password ?? "", request.GetParameter("totp")?.ToString(), clientId, ct); }
            catch (SignInRefused refused) { return Refuse(Errors.InvalidGrant, refused.Message); }
            var issued = await tokens.ForUserAsync(signedIn.User.Id, ScopesOf(request, client), signedIn.Amr, client, ct);
            if (issued.Principal is null) return Refuse(Errors.InvalidGrant, issued.Refusal!);
            (principal, subject, org) = (issued.Principal, signedIn.User.Id.ToString(), issued.OrgPath!);
        }
        else if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // OpenIddict has checked the code (PKCE, redirect URI, once only) or the refresh token
            // (rotation, reuse); the account is read again, so a disabled user gets nothing more.
            var granted = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
                ?? throw new InvalidOperationException("OpenIddict validated the grant but gave no principal.");
            if (!Guid.TryParse(granted.GetClaim(Claims.Subject), out var userId))
                return Refuse(Errors.InvalidGrant, "The grant does not name a user.");
            var scopes = request.GetScopes() is { Length: > 0 } narrowed ? narrowed : [.. granted.GetScopes()];
            var issued = await tokens.ForUserAsync(userId, scopes, [.. granted.GetClaims(Claims.AuthenticationMethodReference)], client, ct);
            if (issued.Principal is null) return Refuse(Errors.InvalidGrant, issued.Refusal!);
            (principal, subject, org) = (issued.Principal, userId.ToString(), issued.OrgPath!);
        }
        else
        {
            return Refuse(Errors.UnsupportedGrantType, $"The grant type '{grant}' is not supported.");
        }

        // Staged, not saved: OpenIddict's token store saves this same context when it records the
        // new token, so the audit line (and the sign-in's) commit in that save, or not at all.
        audit.Add(db, subject, AuditActions.TokenIssued, subject, org, Detail(grant, clientId, principal));
        return SignIn(principal);
    }

    private static string Detail(string grant, string clientId, ClaimsPrincipal principal) =>
        $"{grant}; client {clientId}; scope {string.Join(' ', principal.GetScopes())}";

    private static IResult SignIn(ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    /// <summary>RFC 6749 §3.3: the scopes asked for (OpenIddict checked the client may have them), or all the client may have.</summary>
    private static IEnumerable<string> ScopesOf(OpenIddictRequest request, Client client) =>
        request.GetScopes() is { Length: > 0 } requested ? requested : client.ScopeList;

    internal static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
