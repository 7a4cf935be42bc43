using System.Security.Cryptography;
using System.Text;
using Governance.Identity.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using static Governance.Identity.Tests.Infrastructure.TokenFixture;
using static Microsoft.Playwright.Assertions;

namespace Governance.Identity.Tests.OAuth;

/// <summary>
/// The sign-in page in a real browser: Debian's chromium, driven by Playwright, finds the fields by
/// their Chinese labels as a person (or a screen reader) would, signs in with a password and a TOTP
/// code, and lands on the app's redirect URI with a code the app exchanges. The app's callback is
/// answered inside the browser (a route), so no port is needed for it; everything before it is the
/// real identity host.
/// </summary>
public sealed class BrowserSignInTests(TokenFixture f, ChromiumFixture chromium) : IClassFixture<TokenFixture>, IClassFixture<ChromiumFixture>
{
    private const string AppClient = "browser-app";
    private const string Redirect = "http://127.0.0.1:9/browser-callback";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_signs_in_in_Chromium_with_password_and_TOTP_and_the_app_exchanges_the_code()
    {
        await EnsureAppAsync();
        var (user, secret) = await f.AddUserAsync("browser.admin", enrolTotp: true, roles: "admin");
        await using var context = await chromium.NewContextAsync();
        var page = await OpenAppCallbackAsync(context);
        var (verifier, challenge, state) = Pkce();

        await page.GotoAsync(AuthorizeUrl(challenge, state));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page).ToHaveTitleAsync("综治平台 登录");
        var userName = page.GetByLabel("用户名", new() { Exact = true });
        await Expect(userName).ToHaveAttributeAsync("autocomplete", "username");
        await userName.FillAsync("browser.admin");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        // The role needs a second factor: the page asks for the code, and says why, to a screen reader too.
        var totp = page.GetByLabel("动态验证码", new() { Exact = true });
        await Expect(totp).ToBeFocusedAsync();
        await Expect(totp).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await Expect(totp).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("6 位动态验证码"));
        await Expect(page.GetByLabel("密码", new() { Exact = true })).ToHaveCountAsync(0);
        await totp.FillAsync(f.TotpNow(secret!));
        await page.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();

        var code = await CodeAtCallbackAsync(page, state);
        var tokens = await JsonAsync(await ExchangeAsync(code, verifier));
        var access = new JsonWebToken(tokens.GetProperty("access_token").GetString());
        Assert.Equal(user.Id.ToString(), access.Subject);
        Assert.Equal(["pwd", "otp", "mfa"], access.Claims.Where(c => c.Type == "amr").Select(c => c.Value));
        Assert.Equal(user.Id.ToString(), new JsonWebToken(tokens.GetProperty("id_token").GetString()).Subject);
    }

    [Fact]
    public async Task A_wrong_password_is_told_in_Chinese_on_the_page_and_the_next_try_signs_in()
    {
        await EnsureAppAsync();
        await f.AddUserAsync("browser.worker", roles: "grid_worker");
        await using var context = await chromium.NewContextAsync();
        var page = await OpenAppCallbackAsync(context);
        var (verifier, challenge, state) = Pkce();

        await page.GotoAsync(AuthorizeUrl(challenge, state));
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync("browser.worker");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("Not-The-Password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        // The browser stays on the page: the error is announced, tied to the fields, the user name kept, the password not.
        const string wrong = "用户名或密码错误，或账户已被暂时锁定。";
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(wrong);
        Assert.Equal("/connect/signin", new Uri(page.Url).AbsolutePath);
        var userName = page.GetByLabel("用户名", new() { Exact = true });
        await Expect(userName).ToHaveValueAsync("browser.worker");
        await Expect(userName).ToHaveAccessibleDescriptionAsync(wrong);
        var password = page.GetByLabel("密码", new() { Exact = true });
        await Expect(password).ToHaveValueAsync("");

        // The page re-rendered with a fresh anti-forgery token: the right password now signs in.
        await password.FillAsync(StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        var code = await CodeAtCallbackAsync(page, state);
        Assert.Equal("Bearer", (await JsonAsync(await ExchangeAsync(code, verifier))).GetProperty("token_type").GetString());
    }

    private async Task EnsureAppAsync()
    {
        await f.Identity.SeedAsync(db =>
        {
            if (!db.Set<Clients.Client>().Any(c => c.ClientId == AppClient))
                db.Set<Clients.Client>().Add(new Clients.Client
                {
                    ClientId = AppClient, Name = "Browser app", GrantTypes = "authorization_code refresh_token", Scopes = "openid grid.read",
                    OrgPath = IdentityHost.RootPath, RedirectUris = Redirect, CreatedAt = DateTime.UtcNow,
                });
        });
        await f.RegisterClientsAsync();
    }

    /// <summary>A page whose requests to the app's redirect URI the browser answers itself, as the app would.</summary>
    private static async Task<IPage> OpenAppCallbackAsync(IBrowserContext context)
    {
        await context.RouteAsync(url => url.StartsWith(Redirect, StringComparison.Ordinal), route =>
            route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = "<!DOCTYPE html><html lang=\"zh-CN\"><title>应用</title><p>已登录</p></html>" }));
        return await context.NewPageAsync();
    }

    /// <summary>Waits for the browser to arrive at the redirect URI and returns the code it carries, after checking the state.</summary>
    private static async Task<string> CodeAtCallbackAsync(IPage page, string state)
    {
        await page.WaitForURLAsync(url => url.StartsWith(Redirect + "?", StringComparison.Ordinal));
        var query = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Equal(state, query["state"].ToString());
        Assert.False(query.ContainsKey("error"), query.GetValueOrDefault("error").ToString());
        var code = query["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code));
        return code;
    }

    private static (string Verifier, string Challenge, string State) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)));
    }

    private string AuthorizeUrl(string challenge, string state) =>
        QueryHelpers.AddQueryString(new Uri(f.Identity.Http, "/connect/authorize").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = AppClient, ["response_type"] = "code", ["redirect_uri"] = Redirect, ["scope"] = "openid grid.read",
            ["state"] = state, ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });

    private Task<HttpResponseMessage> ExchangeAsync(string code, string verifier) =>
        f.TokenAsync(Form(("grant_type", "authorization_code"), ("client_id", AppClient), ("code", code), ("redirect_uri", Redirect), ("code_verifier", verifier)));
}
