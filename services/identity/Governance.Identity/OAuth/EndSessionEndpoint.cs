using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.Identity.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Server.AspNetCore;

namespace Governance.Identity.OAuth;

/// <summary>
/// <c>GET|POST /connect/endsession</c> (OIDC RP-initiated logout) after OpenIddict has validated the
/// request (the post-logout redirect URI is registered to the client): ends the sign-in session at
/// identity and returns the browser to the client. Refresh tokens the client holds are its own to
/// revoke (<c>/connect/revocation</c>).
/// </summary>
public static class EndSessionEndpoint
{
    public static IEndpointRouteBuilder MapEndSessionEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods(OAuthServerExtensions.EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> EndAsync(HttpContext http, IdentityDb db, AuditTrail audit, CancellationToken ct)
    {
        var session = await SignInSession.ReadAsync(http, db, ct);
        await http.SignOutAsync(SignInSession.Scheme);
        if (session is not null)
        {
            audit.Add(db, session.UserId.ToString(), AuditActions.SignedOut, session.UserId.ToString(), null, "sign-in session ended at the client's request");
            await db.SaveChangesAsync(ct);
        }
        // OpenIddict redirects to the validated post_logout_redirect_uri, or answers itself when there is none.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
