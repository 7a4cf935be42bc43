using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Governance.Identity.SignIn;
using Governance.Identity.Tests.Infrastructure;
using Governance.Identity.Users;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using static Governance.Identity.Tests.Infrastructure.TokenFixture;

namespace Governance.Identity.Tests.OAuth;

/// <summary>
/// The authorization code flow with PKCE through the real sign-in page, as a browser would: GET the
/// authorization endpoint, follow to the page, post the form (with its anti-forgery token), then a
/// TOTP step where the role needs it, and exchange the code. And the refusals RFC 6749 and PKCE name.
/// </summary>
public sealed partial class AuthorizationCodeTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private const string AppClient = "web-app";
    private const string Redirect = "http://127.0.0.1:9/callback";
    private const string SignedOut = "http://127.0.0.1:9/signed-out";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task EnsureAppAsync()
    {
        await f.Identity.SeedAsync(db =>
        {
            if (!db.Set<Clients.Client>().Any(c => c.ClientId == AppClient))
                db.Set<Clients.Client>().Add(new Clients.Client
                {
                    ClientId = AppClient, Name = "Web app", GrantTypes = "authorization_code refresh_token", Scopes = "openid grid.read",
                    OrgPath = IdentityHost.RootPath, RedirectUris = Redirect, PostLogoutRedirectUris = SignedOut, CreatedAt = DateTime.UtcNow,
                });
        });
        await f.RegisterClientsAsync();
    }

    private sealed record Browser(HttpClient Http) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }

    private Browser NewBrowser() => new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = f.Identity.Http,
    });

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    private static string AuthorizeUrl(string challenge, string method = "S256", string redirect = Redirect) =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = AppClient, ["response_type"] = "code", ["redirect_uri"] = redirect, ["scope"] = "openid grid.read",
            ["state"] = "s-123", ["code_challenge"] = challenge, ["code_challenge_method"] = method,
        });

    private static async Task<(string Html, string Action, Dictionary<string, string> Hidden)> FormAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync(Ct);
        var hidden = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return (html, "/connect/signin", hidden);
    }

    /// <summary>Signs in on the page (and the TOTP step when asked) and returns the code from the redirect.</summary>
    private async Task<string> SignInForCodeAsync(Browser browser, string challenge, string userName, string password = StrongPassword, Func<string>? totp = null)
    {
        var authorize = await browser.Http.GetAsync(AuthorizeUrl(challenge), Ct);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var page = await browser.Http.GetAsync(authorize.Headers.Location, Ct);
        var (html, action, hidden) = await FormAsync(page);
        Assert.Contains("name=\"username\"", html);
        Assert.Contains("autocomplete=\"current-password\"", html);
        var posted = await browser.Http.PostAsync(action, new FormUrlEncodedContent(hidden.Append(new("username", userName)).Append(new("password", password))), Ct);
        if (totp is not null)
        {
            var (step, _, stepHidden) = await FormAsync(posted);
            Assert.Contains("autocomplete=\"one-time-code\"", step);
            posted = await browser.Http.PostAsync(action, new FormUrlEncodedContent(stepHidden.Append(new("totp", totp()))), Ct);
        }
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var back = await browser.Http.GetAsync(posted.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var callback = back.Headers.Location!;
        Assert.StartsWith(Redirect, callback.ToString());
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("s-123", query["state"].ToString());
        return query["code"].ToString();
    }

    private Task<HttpResponseMessage> ExchangeAsync(string code, string verifier, string redirect = Redirect) =>
        f.TokenAsync(Form(("grant_type", "authorization_code"), ("client_id", AppClient), ("code", code), ("redirect_uri", redirect), ("code_verifier", verifier)));

    [Fact]
    public async Task A_user_signs_in_on_the_page_and_the_app_exchanges_the_code_once()
    {
        await EnsureAppAsync();
        await f.AddUserAsync("code.user", roles: "grid_worker");
        using var browser = NewBrowser();
        var (verifier, challenge) = Pkce();
        var code = await SignInForCodeAsync(browser, challenge, "code.user");

        var tokens = await JsonAsync(await ExchangeAsync(code, verifier));
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("id_token").GetString()));
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refresh_token").GetString()));
        var who = await (await f.Consumer.Client(tokens.GetProperty("access_token").GetString()!).GetAsync("/whoami", Ct))
            .Content.ReadFromJsonAsync<ConsumerHost.WhoAmI>(Ct);
        Assert.Equal((IdentityHost.RootPath, AppClient), (who!.Org, who.ClientId));
        // A code works once; the second exchange is invalid_grant.
        await AssertErrorAsync(await ExchangeAsync(code, verifier), "invalid_grant");

        // The browser's session at identity stands: the next authorization needs no password.
        var (verifier2, challenge2) = Pkce();
        var again = await browser.Http.GetAsync(AuthorizeUrl(challenge2), Ct);
        Assert.StartsWith(Redirect, again.Headers.Location!.ToString());
        var code2 = QueryHelpers.ParseQuery(again.Headers.Location.Query)["code"].ToString();
        await AssertErrorAsync(await ExchangeAsync(code2, verifier), "invalid_grant"); // another flow's verifier
    }

    [Fact]
    public async Task Signing_out_ends_the_browser_session_and_returns_only_to_a_registered_address()
    {
        await EnsureAppAsync();
        var (user, _) = await f.AddUserAsync("code.out", roles: "grid_worker");
        using var browser = NewBrowser();
        var (_, challenge) = Pkce();
        await SignInForCodeAsync(browser, challenge, "code.out");

        string EndSession(string target) => QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?>
        {
            ["client_id"] = AppClient, ["post_logout_redirect_uri"] = target, ["state"] = "bye",
        });
        // An address the client did not register is never redirected to, and the session stands.
        var elsewhere = await browser.Http.GetAsync(EndSession("https://evil.example/out"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        var (_, stillIn) = Pkce();
        Assert.StartsWith(Redirect, (await browser.Http.GetAsync(AuthorizeUrl(stillIn), Ct)).Headers.Location!.ToString());

        var end = await browser.Http.GetAsync(EndSession(SignedOut), Ct);
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.StartsWith(SignedOut, end.Headers.Location!.ToString());
        Assert.Equal("bye", QueryHelpers.ParseQuery(end.Headers.Location.Query)["state"].ToString());
        // The session is gone: the next authorization goes to the sign-in page.
        var (_, after) = Pkce();
        Assert.StartsWith("/connect/signin", (await browser.Http.GetAsync(AuthorizeUrl(after), Ct)).Headers.Location!.ToString());
        Assert.Single(await f.AuditAsync(e => e.Action == "sign-in.signed-out" && e.Target == user.Id.ToString(), e => e));
    }

    [Fact]
    public async Task A_role_that_needs_a_second_factor_gets_a_TOTP_step_on_the_page()
    {
        await EnsureAppAsync();
        var (_, secret) = await f.AddUserAsync("code.admin", enrolTotp: true, roles: "admin");
        using var browser = NewBrowser();
        var (verifier, challenge) = Pkce();
        var code = await SignInForCodeAsync(browser, challenge, "code.admin", totp: () => f.TotpNow(secret!));
        var tokens = await JsonAsync(await ExchangeAsync(code, verifier));
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.GetProperty("access_token").GetString());
        Assert.Equal(["pwd", "otp", "mfa"], jwt.Claims.Where(c => c.Type == "amr").Select(c => c.Value));
    }

    [Fact]
    public async Task At_the_first_sign_in_a_given_password_is_replaced_and_TOTP_enrolled_on_the_page_and_nothing_secret_is_logged()
    {
        await EnsureAppAsync();
        const string given = "Given-By-Bootstrap-2026";
        var (user, _) = await f.AddUserAsync("first.admin", given, roles: "admin");
        await f.Identity.SeedAsync(db => db.Users.Single(u => u.Id == user.Id).MustChangePassword = true);
        // The legacy grant cannot do this step: it is told to use the page.
        Assert.Contains("sign-in page", await AssertErrorAsync(await f.PasswordAsync("first.admin", given), "invalid_grant"));

        using var browser = NewBrowser();
        var (verifier, challenge) = Pkce();
        var page = await browser.Http.GetAsync((await browser.Http.GetAsync(AuthorizeUrl(challenge), Ct)).Headers.Location, Ct);
        var (_, action, hidden) = await FormAsync(page);
        var step = await browser.Http.PostAsync(action, new FormUrlEncodedContent(hidden.Append(new("username", "first.admin")).Append(new("password", given))), Ct);
        var (html, _, stepHidden) = await FormAsync(step);
        Assert.Contains("autocomplete=\"new-password\"", html);
        // A weak or mismatched new password is refused on the page, which stays at this step.
        var weak = await browser.Http.PostAsync(action, new FormUrlEncodedContent(stepHidden.Append(new("newPassword", "short")).Append(new("confirmPassword", "short"))), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        const string own = "Kunlun-Road-Own-2026";
        var enrol = await browser.Http.PostAsync(action, new FormUrlEncodedContent(stepHidden.Append(new("newPassword", own)).Append(new("confirmPassword", own))), Ct);
        var (enrolHtml, _, enrolHidden) = await FormAsync(enrol);
        Assert.Contains("data:image/png;base64,", enrolHtml);
        Assert.Contains("otpauth://totp/", enrolHtml);
        var secret = Base32.Decode(Regex.Match(enrolHtml, "<code id=\"totp-secret\">([A-Z2-7]+)</code>").Groups[1].Value);
        var done = await browser.Http.PostAsync(action, new FormUrlEncodedContent(enrolHidden.Append(new("totp", f.TotpNow(secret)))), Ct);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var back = await browser.Http.GetAsync(done.Headers.Location, Ct);
        var code = QueryHelpers.ParseQuery(back.Headers.Location!.Query)["code"].ToString();
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await JsonAsync(await ExchangeAsync(code, verifier))).GetProperty("access_token").GetString());
        Assert.Equal(["pwd", "otp", "mfa"], jwt.Claims.Where(c => c.Type == "amr").Select(c => c.Value));

        // The given password no longer works, the own one does (with a code), and both changes are audited.
        Assert.Equal(HttpStatusCode.BadRequest, (await f.PasswordAsync("first.admin", given, f.TotpNow(secret, 1))).StatusCode);
        var audited = await f.AuditAsync(e => e.Target == user.Id.ToString(), e => e.Action);
        Assert.Contains("user.password-changed", audited);
        Assert.Contains("user.totp-enrolled", audited);
    }

    [Fact]
    public async Task A_wrong_password_is_told_on_the_page_in_Chinese_and_nothing_is_issued()
    {
        await EnsureAppAsync();
        await f.AddUserAsync("code.wrong", roles: "grid_worker");
        using var browser = NewBrowser();
        var (_, challenge) = Pkce();
        var page = await browser.Http.GetAsync((await browser.Http.GetAsync(AuthorizeUrl(challenge), Ct)).Headers.Location, Ct);
        var (_, action, hidden) = await FormAsync(page);
        var posted = await browser.Http.PostAsync(action, new FormUrlEncodedContent(hidden.Append(new("username", "code.wrong")).Append(new("password", "Not-The-Password-1"))), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync(Ct);
        Assert.Contains("用户名或密码错误", html);
        Assert.Contains("role=\"alert\"", html);
        Assert.DoesNotContain("Exception", html);
        // Without the page's anti-forgery token the post is refused.
        var forged = await browser.Http.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = hidden["returnUrl"], ["username"] = "code.wrong", ["password"] = StrongPassword,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_is_told_so_on_the_page_in_Chinese_after_the_right_password()
    {
        await EnsureAppAsync();
        var (user, _) = await f.AddUserAsync("code.disabled", roles: "grid_worker");
        await f.Identity.SeedAsync(db => db.Users.Single(u => u.Id == user.Id).Status = UserStatus.Disabled);
        using var browser = NewBrowser();
        var (_, challenge) = Pkce();
        var page = await browser.Http.GetAsync((await browser.Http.GetAsync(AuthorizeUrl(challenge), Ct)).Headers.Location, Ct);
        var (_, action, hidden) = await FormAsync(page);
        var posted = await browser.Http.PostAsync(action, new FormUrlEncodedContent(hidden.Append(new("username", "code.disabled")).Append(new("password", StrongPassword))), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync(Ct);
        Assert.Contains("此账户已停用", html);
        Assert.DoesNotContain("This account is disabled", html);
    }

    [Fact]
    public async Task Authorization_requests_without_S256_PKCE_or_with_an_unregistered_redirect_are_refused()
    {
        await EnsureAppAsync();
        using var browser = NewBrowser();
        var (verifier, challenge) = Pkce();
        // plain is not offered, and PKCE is required: no code, an invalid_request instead.
        Assert.Equal("invalid_request", await ErrorOfAsync(await browser.Http.GetAsync(AuthorizeUrl(verifier, "plain"), Ct)));
        Assert.Equal("invalid_request", await ErrorOfAsync(await browser.Http.GetAsync(
            AuthorizeUrl(challenge).Replace("&code_challenge=" + challenge, "").Replace("&code_challenge_method=S256", ""), Ct)));
        // A redirect URI that is not registered is never redirected to (RFC 6749 §4.1.2.1): an error page here.
        var elsewhere = await browser.Http.GetAsync(AuthorizeUrl(challenge, redirect: "https://evil.example/cb"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Null(elsewhere.Headers.Location);
    }

    [Fact]
    public async Task An_expired_code_and_a_code_with_the_wrong_redirect_uri_are_invalid_grant()
    {
        await EnsureAppAsync();
        await f.AddUserAsync("code.late", roles: "grid_worker");
        using var browser = NewBrowser();
        var (verifier, challenge) = Pkce();
        var code = await SignInForCodeAsync(browser, challenge, "code.late");
        await AssertErrorAsync(await ExchangeAsync(code, verifier, "http://127.0.0.1:9/other"), "invalid_grant");

        var (verifier2, challenge2) = Pkce();
        var code2 = QueryHelpers.ParseQuery((await browser.Http.GetAsync(AuthorizeUrl(challenge2), Ct)).Headers.Location!.Query)["code"].ToString();
        f.Clock.Advance(TimeSpan.FromMinutes(3));
        try { await AssertErrorAsync(await ExchangeAsync(code2, verifier2), "invalid_grant"); }
        finally { f.Clock.Reset(); }
    }

    // OpenIddict answers at the client's redirect URI where it can trust it, and on its own error page otherwise.
    private static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        if (response.Headers.Location is { } location)
        {
            Assert.DoesNotContain("code=", location.Query);
            return QueryHelpers.ParseQuery(location.Query)["error"].ToString();
        }
        var body = await response.Content.ReadAsStringAsync(Ct);
        return body.Contains("invalid_request") ? "invalid_request" : body;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\"(?: autocomplete=\"[^\"]*\")? value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}
