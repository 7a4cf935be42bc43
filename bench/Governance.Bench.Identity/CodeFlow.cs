using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.Users;
using Governance.Testing.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Bench.Identity;

/// <summary>
/// One sign-in by the authorization code flow, end to end as a browser and its app do it: the
/// authorization request (PKCE), the sign-in page, the posted form (user name and password: one
/// PBKDF2-SHA512 verification at 210,000 iterations), back to the authorization endpoint, and the
/// code exchanged for tokens. Each sign-in is a fresh browser (no session cookie).
/// </summary>
public static partial class CodeFlow
{
    public const string Client = "bench-web";
    public const string Redirect = "http://127.0.0.1:9/bench-callback";
    public const string UserName = "bench.user";
    public const string Password = "Bench-Kunlun-Road-2026";

    public static async Task SeedAsync(ServiceTestHost<IdentityDb> host)
    {
        await host.SeedAsync(db =>
        {
            db.Set<Client>().Add(new Client
            {
                ClientId = Client, Name = "Bench web", GrantTypes = "authorization_code refresh_token", Scopes = "openid grid.read",
                OrgPath = "632801", RedirectUris = Redirect, CreatedAt = DateTime.UtcNow,
            });
            var root = db.OrgNodes.Single(n => n.Path == "632801");
            var user = new User { UserName = UserName, DisplayName = "压测用户", OrgNodeId = root.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            user.PasswordHash = host.Services.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, Password);
            user.Posts.Add(new UserPost { UserId = user.Id, Role = "grid_worker", OrgNodeId = root.Id, GrantedAt = DateTime.UtcNow, GrantedBy = "bench" });
            db.Users.Add(user);
        });
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Governance.Identity.OAuth.ClientApplications>().EnsureAllAsync(CancellationToken.None);
    }

    /// <summary>PBKDF2 verifications per second on this machine, all cores: the ceiling of password sign-ins.</summary>
    public static double HashesPerSecond(ServiceTestHost<IdentityDb> host, TimeSpan duration)
    {
        var hasher = host.Services.GetRequiredService<IPasswordHasher<User>>();
        var user = new User { UserName = UserName, DisplayName = "-" };
        var hash = hasher.HashPassword(user, Password);
        long count = 0;
        var until = DateTime.UtcNow + duration;
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            while (DateTime.UtcNow < until)
            {
                hasher.VerifyHashedPassword(user, hash, Password);
                Interlocked.Increment(ref count);
            }
        });
        return count / duration.TotalSeconds;
    }

    /// <summary>Signs in once; throws unless tokens come back.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(Uri identity)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = identity };
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = Client, ["response_type"] = "code", ["redirect_uri"] = Redirect, ["scope"] = "openid grid.read",
            ["state"] = "bench", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });
        var toPage = await browser.GetAsync(authorize);
        var page = await (await browser.GetAsync(toPage.Headers.Location)).Content.ReadAsStringAsync();
        var form = Hidden().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        form["username"] = UserName;
        form["password"] = Password;
        var posted = await browser.PostAsync("/connect/signin", new FormUrlEncodedContent(form));
        var back = await browser.GetAsync(posted.Headers.Location);
        var code = QueryHelpers.ParseQuery(back.Headers.Location!.Query)["code"].ToString();
        var tokens = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = Client, ["code"] = code, ["redirect_uri"] = Redirect, ["code_verifier"] = verifier,
        }));
        return tokens.IsSuccessStatusCode ? tokens : throw new InvalidOperationException($"The code exchange answered {(int)tokens.StatusCode}.");
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\"(?: autocomplete=\"[^\"]*\")? value=\"([^\"]*)\">")]
    private static partial Regex Hidden();
}
