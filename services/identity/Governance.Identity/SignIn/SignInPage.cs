using Governance.Identity.Data;
using Governance.Identity.OAuth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Governance.Identity.SignIn;

/// <summary>
/// <c>/connect/signin</c>: the server-rendered sign-in page of the authorization code flow. User name
/// and password, then a TOTP code where a role needs one; the same checks, lockout and audit as every
/// sign-in (<see cref="PasswordSignIn"/>); anti-forgery on every post; rate limited per address and
/// per user name. It only ever returns the browser to the authorization endpoint.
/// </summary>
public static class SignInPage
{
    public const string Path = "/connect/signin";
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Show).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Path, SubmitAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The page's address, coming back to <paramref name="returnUrl"/> after the sign-in.</summary>
    public static string PathFor(HttpContext http, string returnUrl) => http.Request.PathBase + Path + QueryString.Create("returnUrl", returnUrl);

    private static IResult Show(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        IsAuthorizeUrl(http, returnUrl) ? Page(http, antiforgery, returnUrl!) : NoReturn(http);

    private static async Task<IResult> SubmitAsync(HttpContext http, IAntiforgery antiforgery, PasswordSignIn signIn, ProtocolRateLimit limit,
        IDataProtectionProvider protection, IdentityDb db, TimeProvider clock, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var returnUrl = form["returnUrl"].ToString();
        if (!IsAuthorizeUrl(http, returnUrl)) return NoReturn(http);
        var texts = IsEnglish(http) ? SignInPageView.English : SignInPageView.Chinese;
        try { await antiforgery.ValidateRequestAsync(http); }
        catch (AntiforgeryValidationException) { return Page(http, antiforgery, returnUrl, error: texts.Expired, status: 400); }

        var pendingProtector = protection.CreateProtector("sign-in-pending").ToTimeLimitedDataProtector();
        string userName = form["username"].ToString(), password = form["password"].ToString();
        var pending = form["pending"].ToString();
        if (pending.Length > 0)
        {
            // Second step: the password step's result, sealed for five minutes, stands in for the password.
            try { (userName, password) = Unseal(pendingProtector.Unprotect(pending)); }
            catch (System.Security.Cryptography.CryptographicException) { return Page(http, antiforgery, returnUrl, error: texts.Expired, status: 400); }
        }
        if (!limit.TryAcquireForAddress(http) || !limit.TryAcquireForUserName(userName))
            return Page(http, antiforgery, returnUrl, userName, texts.TooMany, status: 429);

        SignedIn signedIn;
        try
        {
            signedIn = await signIn.SignInAsync(userName, password, pending.Length > 0 ? form["totp"].ToString() : null, ClientOf(returnUrl), ct);
        }
        catch (SignInRefused refused) when (refused.NeedsTotp)
        {
            var sealedStep = pendingProtector.Protect(Seal(userName, password), PendingLifetime);
            return Page(http, antiforgery, returnUrl, userName, pending.Length > 0 ? texts.WrongTotp : null, sealedStep, pending.Length > 0 ? 400 : 200);
        }
        catch (SignInRefused refused)
        {
            var message = refused.Message == PasswordSignIn.Refused ? texts.WrongCredentials
                : refused.WrongTotp ? texts.WrongTotp : refused.Message;
            return refused.WrongTotp
                ? Page(http, antiforgery, returnUrl, userName, message, pendingProtector.Protect(Seal(userName, password), PendingLifetime), 400)
                : Page(http, antiforgery, returnUrl, userName, message, status: 400);
        }
        await db.SaveChangesAsync(ct); // the sign-in's audit line
        await SignInSession.StartAsync(http, signedIn, clock.GetUtcNow());
        return Results.Redirect(returnUrl);
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? userName = null, string? error = null,
        string? pending = null, int status = 200)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        var html = SignInPageView.Render(new SignInPageModel(returnUrl, tokens.FormFieldName, tokens.RequestToken!, IsEnglish(http), userName, error, pending));
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    // The page is reached from the authorization endpoint and returns only there: never an open redirect.
    private static bool IsAuthorizeUrl(HttpContext http, string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith(http.Request.PathBase + OAuthServerExtensions.AuthorizePath + "?", StringComparison.Ordinal)
        && !returnUrl.Contains('\\') && !returnUrl.StartsWith("//", StringComparison.Ordinal);

    private static IResult NoReturn(HttpContext http)
    {
        var texts = IsEnglish(http) ? SignInPageView.English : SignInPageView.Chinese;
        return Results.Problem(statusCode: 400, title: texts.Title,
            detail: IsEnglish(http) ? "Open this page from an application's sign-in link." : "请从应用的登录链接打开此页面。");
    }

    private static string ClientOf(string returnUrl) =>
        QueryHelpersParse(returnUrl).TryGetValue("client_id", out var id) && id.Count == 1 && id[0]!.Length <= 64 ? id[0]! : "sign-in page";

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> QueryHelpersParse(string url) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url[url.IndexOf('?')..]);

    /// <summary>Chinese unless the browser puts English first.</summary>
    internal static bool IsEnglish(HttpContext http) =>
        http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault()?.Value.Value?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;

    private static string Seal(string userName, string password) => userName + "\n" + password;

    private static (string, string) Unseal(string value)
    {
        var newline = value.IndexOf('\n');
        return (value[..newline], value[(newline + 1)..]);
    }
}
