using System.Net;
using System.Security.Claims;
using Governance.Console.Auth;
using Governance.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Security.Cryptography;
using Governance.Gateway.Tests.Infrastructure;
using Governance.Identity;
using Governance.Identity.Data;
using Governance.Testing.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace Governance.Gateway.Tests;

/// <summary>
/// Issue 18, "the console, served by the gateway": with <c>Console:Authority</c> set, the gateway serves the console under
/// <c>/console</c> on its own origin, with Blazor's script and the console's files, and sends a browser that is not signed in
/// to a real identity's authorization endpoint with PKCE, the console as the client and the gateway's own callback. The
/// sign-in itself and the pages are proven in a browser on the standalone host (EndToEnd's ConsoleBrowserTests).
/// Two replicas share one PostgreSQL database, as the chart's pods do: a session made on one is good on the other, and
/// their token refreshes of one session never overlap.
/// </summary>
public sealed class ConsoleOnGatewayTests : IAsyncLifetime
{
    private ServiceTestHost<IdentityDb> _identity = null!;
    private GatewayHost _gateway = null!;
    private GatewayHost _replica = null!;
    private TestPostgres _database = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _identity = await ServiceTestHost<IdentityDb>.StartAsync(new ServiceUnderTest("identity", b => b.AddIdentityService(), a => a.MapIdentityService()),
            new ServiceTestHostOptions
            {
                SelfIssued = true,
                Settings = new Dictionary<string, string?> { ["Identity:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
            });
        var issuer = _identity.Http.ToString().TrimEnd('/');
        _database = await TestPostgres.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Console:Authority"] = issuer,
            ["Console:RequireHttpsMetadata"] = "false",
            ["Console:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["ConnectionStrings:console"] = _database.ConnectionString,
            ["Auth:Issuer"] = issuer,
            ["Auth:Audience"] = "governance",
            ["Auth:RequireHttpsMetadata"] = "false",
        };
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string> { ["identity"] = issuer }, settings);
        _replica = await GatewayHost.StartAsync(new Dictionary<string, string> { ["identity"] = issuer }, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _replica.DisposeAsync();
        await _gateway.DisposeAsync();
        await _database.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task A_browser_not_signed_in_is_sent_to_identity_with_PKCE_and_the_console_as_the_client()
    {
        using var client = _gateway.Client();

        using var page = await client.GetAsync("/console", Ct);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var location = page.Headers.Location!;
        Assert.StartsWith(_identity.Http.ToString().TrimEnd('/') + "/connect/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(("console", "code", "S256"), (query["client_id"].ToString(), query["response_type"].ToString(), query["code_challenge_method"].ToString()));
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal(new Uri(_gateway.Http, "/console/signin-oidc").ToString(), query["redirect_uri"].ToString());
        // The state and nonce live in cookies only the server reads.
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_gateway_serves_Blazors_script_and_the_consoles_own_files_and_still_routes_the_apis()
    {
        using var client = _gateway.Client();

        using var blazor = await client.GetAsync("/_framework/blazor.web.js", Ct);
        Assert.Equal(HttpStatusCode.OK, blazor.StatusCode);
        Assert.Contains("javascript", blazor.Content.Headers.ContentType?.MediaType);
        using var css = await client.GetAsync("/_content/Governance.Console/console.css", Ct);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        using var discovery = await client.GetAsync("/.well-known/openid-configuration", Ct);
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode); // identity, through the gateway's route
    }

    [Fact]
    public async Task A_session_made_on_one_replica_is_good_on_the_other_and_gone_from_both_when_it_ends()
    {
        var store = _gateway.Services.GetRequiredService<SessionTicketStore>();
        var key = await store.StoreAsync(UserTicket(Guid.NewGuid().ToString("N"), expiresAt: DateTimeOffset.UtcNow.AddMinutes(5)));
        // The cookie the first replica's handler would have written: its key ring's protection of the session key.
        var cookie = _gateway.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ConsoleAuthentication.CookieScheme)
            .TicketDataFormat.Protect(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim("Microsoft.AspNetCore.Authentication.Cookies-SessionId", key)], ConsoleAuthentication.CookieScheme)), ConsoleAuthentication.CookieScheme));

        // The other replica opens the cookie with the shared key ring and finds the session in the shared table: signed in,
        // the language switch answers with the console's own page, not with identity's sign-in.
        using var client = _replica.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/language?to=en&returnUrl=/console");
        request.Headers.Add("Cookie", "governance-console=" + cookie);
        using (var signedIn = await client.SendAsync(request, Ct))
            Assert.Equal("/console", signedIn.Headers.Location?.OriginalString);

        // The table holds the tickets sealed: no token in clear.
        await using (var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var read = new Npgsql.NpgsqlCommand("SELECT \"Ticket\" FROM console_sessions WHERE \"Key\" = @key", connection);
            read.Parameters.AddWithValue("key", key);
            var stored = (byte[])(await read.ExecuteScalarAsync(Ct))!;
            Assert.DoesNotContain("access-token-", System.Text.Encoding.UTF8.GetString(stored));
        }

        await _replica.Services.GetRequiredService<SessionTicketStore>().RemoveAsync(key);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/console/language?to=en&returnUrl=/console");
        again.Headers.Add("Cookie", "governance-console=" + cookie);
        using var other = _gateway.Client();
        using var signedOut = await other.SendAsync(again, Ct);
        Assert.StartsWith(_identity.Http.ToString().TrimEnd('/') + "/connect/authorize", signedOut.Headers.Location!.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task Two_replicas_refreshing_one_session_at_once_refresh_it_once_and_both_get_the_new_token()
    {
        var stores = new[] { _gateway, _replica }.Select(g => g.Services.GetRequiredService<SessionTicketStore>()).ToArray();
        var key = await stores[0].StoreAsync(UserTicket(Guid.NewGuid().ToString("N"), expiresAt: DateTimeOffset.UtcNow.AddSeconds(-1)));
        var refreshes = 0;
        var started = new TaskCompletionSource();

        // Each replica refreshes when the token it reads has expired, as SessionTokens does; the first holds the row while
        // it "calls identity", so the second, locked out, reads the renewed ticket after it and does not refresh again.
        Task<string?> RefreshOn(SessionTicketStore store) => store.RefreshExclusiveAsync(key, async ticket =>
        {
            var expires = DateTimeOffset.Parse(ticket.Properties.GetTokenValue("expires_at")!, System.Globalization.CultureInfo.InvariantCulture);
            if (expires > DateTimeOffset.UtcNow) return new SessionTicketStore.Refresh(ticket.Properties.GetTokenValue("access_token"));
            var n = Interlocked.Increment(ref refreshes);
            started.TrySetResult();
            await Task.Delay(500, Ct);
            ticket.Properties.UpdateTokenValue("access_token", $"access-token-{n}");
            ticket.Properties.UpdateTokenValue("expires_at", DateTimeOffset.UtcNow.AddMinutes(5).ToString("o", System.Globalization.CultureInfo.InvariantCulture));
            return new SessionTicketStore.Refresh($"access-token-{n}", Renewed: ticket);
        }, Ct);

        var first = RefreshOn(stores[0]);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var second = RefreshOn(stores[1]);

        Assert.Equal(new string?[] { "access-token-1", "access-token-1" }, await Task.WhenAll(first, second));
        Assert.Equal(1, refreshes);
        Assert.Equal("access-token-1", (await stores[1].RetrieveAsync(key))!.Properties.GetTokenValue("access_token"));
    }

    // A signed-in user's ticket as the sign-in leaves it: the session key as a claim, the tokens in the properties.
    private static AuthenticationTicket UserTicket(string session, DateTimeOffset expiresAt)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ConsoleClaims.Session, session), new Claim("name", "演示-操作员")], "test"));
        var properties = new AuthenticationProperties();
        properties.StoreTokens([
            new AuthenticationToken { Name = "access_token", Value = "access-token-0" },
            new AuthenticationToken { Name = "refresh_token", Value = "refresh-token-0" },
            new AuthenticationToken { Name = "expires_at", Value = expiresAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture) },
        ]);
        return new AuthenticationTicket(principal, properties, ConsoleAuthentication.CookieScheme);
    }
}
