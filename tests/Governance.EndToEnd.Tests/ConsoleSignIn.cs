using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Identity.SignIn;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// The console's sign-in as its browser does it, against a real identity: the authorization code flow with PKCE, the
/// sign-in page, and for a password someone else set (the first admin's) the user's own password and TOTP enrolment.
/// </summary>
public static partial class ConsoleSignIn
{
    /// <summary>The page after each step, for callers that check it.</summary>
    public sealed record Steps(string AfterPassword, string Enrolment);

    /// <summary>
    /// Signs the first admin in with the password they were given, sets <paramref name="ownPassword"/>, enrols TOTP and
    /// answers the access token (the console client must have <paramref name="redirect"/> among its redirect URIs).
    /// </summary>
    public static async Task<(string AccessToken, Steps Steps)> FirstAdminAsync(Uri identity, string userName, string given, string ownPassword,
        string redirect, CancellationToken ct)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = identity };
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "console", ["response_type"] = "code", ["redirect_uri"] = redirect, ["scope"] = "openid governance",
            ["state"] = "e2e", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });
        var page = await browser.GetStringAsync((await browser.GetAsync(authorize, ct)).Headers.Location, ct);
        var next = await PostFormAsync(browser, page, ct, ("username", userName), ("password", given));
        var afterPassword = await next.Content.ReadAsStringAsync(ct);
        next = await PostFormAsync(browser, afterPassword, ct, ("newPassword", ownPassword), ("confirmPassword", ownPassword));
        var enrol = await next.Content.ReadAsStringAsync(ct);
        Assert.True(enrol.Contains("otpauth://totp/"), enrol);
        var secret = Base32.Decode(TotpSecret().Match(enrol).Groups[1].Value);
        next = await PostFormAsync(browser, enrol, ct, ("totp", Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow))));
        Assert.True(next.StatusCode == HttpStatusCode.Redirect, await next.Content.ReadAsStringAsync(ct));
        var callback = (await browser.GetAsync(next.Headers.Location, ct)).Headers.Location!;
        var tokens = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = "console", ["redirect_uri"] = redirect, ["code_verifier"] = verifier,
            ["code"] = QueryHelpers.ParseQuery(callback.Query)["code"].ToString(),
        }), ct);
        var body = await tokens.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(tokens.IsSuccessStatusCode, body.ToString());
        return (body.GetProperty("access_token").GetString()!, new Steps(afterPassword, enrol));
    }

    // Posts the page's form (its hidden fields: anti-forgery, return URL, the sealed earlier steps) with the fields given.
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, CancellationToken ct, params (string Name, string Value)[] fields)
    {
        var form = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (name, value) in fields) form[name] = value;
        return await browser.PostAsync("/connect/signin", new FormUrlEncodedContent(form), ct);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\"(?: autocomplete=\"[^\"]*\")? value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<code id=\"totp-secret\">([A-Z2-7]+)</code>")]
    private static partial Regex TotpSecret();
}
