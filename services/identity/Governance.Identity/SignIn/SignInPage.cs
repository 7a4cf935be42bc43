using Governance.Identity.OAuth;
using Governance.ServiceDefaults.Problems;
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

    private static async Task<IResult> SubmitAsync(HttpContext http, IAntiforgery antiforgery, PasswordSignIn signIn, FirstSignIn firstSignIn,
        TotpEnrollment enrollment, ProtocolRateLimit limit, IDataProtectionProvider protection, TimeProvider clock, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var returnUrl = form["returnUrl"].ToString();
        if (!IsAuthorizeUrl(http, returnUrl)) return NoReturn(http);
        var texts = IsEnglish(http) ? SignInPageView.English : SignInPageView.Chinese;
        try { await antiforgery.ValidateRequestAsync(http); }
        catch (AntiforgeryValidationException) { return Page(http, antiforgery, returnUrl, error: texts.Expired, status: 400); }

        var sealer = protection.CreateProtector("sign-in-pending").ToTimeLimitedDataProtector();
        string Seal(Pending p) => sealer.Protect(p.ToString(), PendingLifetime);
        var pending = new Pending(form["username"].ToString(), form["password"].ToString(), null);
        var sealedPending = form["pending"].ToString();
        if (sealedPending.Length > 0)
        {
            // A later step: the earlier steps' result, sealed for five minutes, stands in for the password.
            try { pending = Pending.Parse(sealer.Unprotect(sealedPending)); }
            catch (System.Security.Cryptography.CryptographicException) { return Page(http, antiforgery, returnUrl, error: texts.Expired, status: 400); }
        }
        if (!limit.TryAcquireForAddress(http) || !limit.TryAcquireForUserName(pending.UserName))
            return Page(http, antiforgery, returnUrl, pending.UserName, texts.TooMany, status: 429);

        if (form.ContainsKey("newPassword") && sealedPending.Length > 0)
        {
            var newPassword = form["newPassword"].ToString();
            if (await firstSignIn.SetOwnPasswordAsync(pending.UserName, pending.Password, newPassword, form["confirmPassword"].ToString(), ct) is { } problem)
                return Page(http, antiforgery, returnUrl, pending.UserName, problem, sealedPending, SignInStep.NewPassword, status: 400);
            pending = pending with { Password = newPassword };
        }
        var totpCode = sealedPending.Length > 0 ? form["totp"].ToString() : null;
        if (pending.TotpSecret is { } candidate)
        {
            if (await firstSignIn.EnrolAsync(pending.UserName, pending.Password, Base32.Decode(candidate), totpCode, ct) is { } problem)
                return EnrolPage(problem, 400);
            pending = pending with { TotpSecret = null };
        }

        try
        {
            var signedIn = await signIn.SignInAsync(pending.UserName, pending.Password, string.IsNullOrEmpty(totpCode) ? null : totpCode, ClientOf(returnUrl), ct);
            await SignInSession.StartAsync(http, signedIn, clock.GetUtcNow());
            return Results.Redirect(returnUrl);
        }
        catch (SignInRefused refused) when (refused.MustChangePassword)
        {
            return Page(http, antiforgery, returnUrl, pending.UserName, null, Seal(pending), SignInStep.NewPassword);
        }
        catch (SignInRefused refused) when (refused.NeedsEnrolment)
        {
            pending = pending with { TotpSecret = Base32.Encode(TotpEnrollment.NewSecret()) };
            return EnrolPage(null, 200);
        }
        catch (SignInRefused refused) when (refused.NeedsTotp || refused.WrongTotp)
        {
            var error = refused.WrongTotp || !string.IsNullOrEmpty(totpCode) ? texts.WrongTotp : null;
            return Page(http, antiforgery, returnUrl, pending.UserName, error, Seal(pending with { TotpSecret = null }), SignInStep.Totp, error is null ? 200 : 400);
        }
        catch (SignInRefused refused)
        {
            // The refusals' own texts are English (the token endpoint's error_description); the page speaks its language.
            var message = refused.Disabled ? texts.Disabled : refused.OrgRetired ? texts.OrgRetired
                : refused.Message == PasswordSignIn.Refused ? texts.WrongCredentials : refused.Message;
            return Page(http, antiforgery, returnUrl, pending.UserName, message, status: 400);
        }

        IResult EnrolPage(string? error, int status)
        {
            var described = enrollment.Describe(pending.UserName.Trim().ToLowerInvariant(), Base32.Decode(pending.TotpSecret!));
            return Page(http, antiforgery, returnUrl, pending.UserName, error, Seal(pending), SignInStep.Enrol, status,
                (described.Secret, described.OtpAuthUri, QrCode.PngDataUri(described.OtpAuthUri)));
        }
    }

    /// <summary>What one step hands the next: who, the password that worked, and the TOTP secret being enrolled.</summary>
    private sealed record Pending(string UserName, string Password, string? TotpSecret)
    {
        public override string ToString() => System.Text.Json.JsonSerializer.Serialize(this);

        public static Pending Parse(string value) =>
            System.Text.Json.JsonSerializer.Deserialize<Pending>(value) ?? throw new System.Security.Cryptography.CryptographicException("Empty hand-over.");
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? userName = null, string? error = null,
        string? pending = null, SignInStep step = SignInStep.Password, int status = 200, (string, string, string)? enrolment = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        var html = SignInPageView.Render(new SignInPageModel(returnUrl, tokens.FormFieldName, tokens.RequestToken!, IsEnglish(http), userName, error, pending,
            step, enrolment));
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

    // The client the sign-in is for, as the audit names it (the return URL is always the authorization endpoint's).
    private static string ClientOf(string returnUrl) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(returnUrl[returnUrl.IndexOf('?')..]).TryGetValue("client_id", out var id)
            && id.Count == 1 && id[0]!.Length <= 64 ? id[0]! : "sign-in page";

    /// <summary>The platform's one rule (ADR 0012): Chinese unless the browser prefers English to Chinese.</summary>
    internal static bool IsEnglish(HttpContext http) => UserLanguages.Of(http.Request) == UserLanguage.English;
}
