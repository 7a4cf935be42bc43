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
/// <c>GET|POST /connect/authorize</c> after OpenIddict has validated the request (client, redirect
/// URI, PKCE S256): a browser without a sign-in session goes to the sign-in page and comes back; one
/// with a session gets its code. Every client is registered by the platform's admins, so there is no
/// consent screen.
/// </summary>
public static class AuthorizeEndpoint
{
    public static IEndpointRouteBuilder MapAuthorizeEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods(OAuthServerExtensions.AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IdentityDb db, UserTokens tokens, TimeProvider clock, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict authorization request.");
        var session = await SignInSession.ReadAsync(http, db, ct);
        var tooOld = session is not null && request.MaxAge is { } maxAge && clock.GetUtcNow() - session.AuthenticatedAt > TimeSpan.FromSeconds(maxAge);
        if (session is null || tooOld || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return TokenEndpoint.Refuse(Errors.LoginRequired, "The user is not signed in.");
            return Results.Redirect(SignInPage.PathFor(http, ReturnUrlWithoutForcedLogin(http, request)));
        }

        var client = await db.Set<Client>().AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == request.ClientId, ct);
        if (client is null || !client.Enabled) return TokenEndpoint.Refuse(Errors.UnauthorizedClient, "The client is disabled.");
        var scopes = request.GetScopes() is { Length: > 0 } requested ? requested : [.. client.ScopeList];
        var issued = await tokens.ForUserAsync(session.UserId, scopes, session.Amr, client, ct);
        if (issued.Principal is null)
        {
            await http.SignOutAsync(SignInSession.Scheme);
            return Results.Redirect(SignInPage.PathFor(http, ReturnUrlWithoutForcedLogin(http, request)));
        }
        issued.Principal.SetClaim(Claims.AuthenticationTime, session.AuthenticatedAt.ToUnixTimeSeconds());
        return Results.SignIn(issued.Principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    // Back from the sign-in page the request must not ask for a sign-in again, or it would loop.
    private static string ReturnUrlWithoutForcedLogin(HttpContext http, OpenIddictRequest request)
    {
        var parameters = request.GetParameters()
            .Where(p => p.Key != Parameters.Prompt || !request.HasPromptValue(PromptValues.Login))
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()));
        return http.Request.PathBase + OAuthServerExtensions.AuthorizePath + QueryString.Create(parameters);
    }
}
