using System.Net;
using System.Net.Http.Json;
using System.Text;
using Governance.Identity.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using static Governance.Identity.Tests.Infrastructure.TokenFixture;

namespace Governance.Identity.Tests.Tokens;

/// <summary>Tokens from /connect/token, checked by another service that knows only the issuer URL.</summary>
public sealed class TokenValidationTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> WhoAmIAsync(string token) => await f.Consumer.Client(token).GetAsync("/whoami", Ct);

    [Fact]
    public async Task A_client_credentials_token_is_accepted_by_another_service_with_the_clients_org_roles_and_scopes()
    {
        var secret = await f.AddClientAsync("psb-system", scopes: "incident.read incident.report grid.read");
        var response = await f.TokenAsync(Form(("grant_type", "client_credentials"), ("scope", "incident.read grid.read")), ("psb-system", secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await JsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.InRange(body.GetProperty("expires_in").GetInt32(), 295, 300); // 5 minutes, counted from the moment it was signed
        Assert.Equal("incident.read grid.read", body.GetProperty("scope").GetString());
        Assert.False(body.TryGetProperty("refresh_token", out _));

        var who = await (await WhoAmIAsync(body.GetProperty("access_token").GetString()!)).Content.ReadFromJsonAsync<ConsumerHost.WhoAmI>(Ct);
        Assert.Equal(new[] { "psb-system", IdentityHost.RootPath, "centre_operator", "psb-system" },
            new[] { who!.Subject, who.Org, who.Roles.Single(), who.ClientId });
        Assert.Equal(["grid.read", "incident.read"], who.Scopes);
        Assert.Contains(await f.AuditAsync(e => e.Action == "token.issued" && e.Actor == "psb-system", e => e.Detail), d => d!.Contains("client_credentials"));
    }

    [Fact]
    public async Task A_client_may_authenticate_with_client_secret_post_instead_of_Basic()
    {
        var secret = await f.AddClientAsync("housing-system");
        var response = await f.TokenAsync(Form(("grant_type", "client_credentials"), ("client_id", "housing-system"), ("client_secret", secret)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("grid.read incident.read", (await JsonAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task A_token_past_its_expiry_is_refused()
    {
        var secret = await f.AddClientAsync("expired-system");
        // Issued 10 minutes "ago": a 5-minute token, well past the consumer's 1-minute clock skew.
        f.Clock.Advance(TimeSpan.FromMinutes(-10));
        string token;
        try { token = await f.ClientCredentialsTokenAsync("expired-system", secret); }
        finally { f.Clock.Reset(); }
        await AssertRefusedAsync(await WhoAmIAsync(token), "expired");
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var token = await f.ClientCredentialsTokenAsync("tamper-system", await f.AddClientAsync("tamper-system"));
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("centre_operator", "admin");
        var forged = parts[0] + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];
        await AssertRefusedAsync(await WhoAmIAsync(forged), "signature is invalid");
    }

    [Fact]
    public async Task A_token_with_alg_none_is_refused()
    {
        var token = await f.ClientCredentialsTokenAsync("none-system", await f.AddClientAsync("none-system"));
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        await AssertRefusedAsync(await WhoAmIAsync(header + "." + token.Split('.')[1] + "."), "algorithm is not allowed");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = await f.ClientCredentialsTokenAsync("audience-system", await f.AddClientAsync("audience-system"));
        await using var other = await ConsumerHost.StartAsync(f.Identity.IssuerUri, audience: "another-platform");
        await AssertRefusedAsync(await other.Client(token).GetAsync("/whoami", Ct), "not meant for this service");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(reason, response.Headers.WwwAuthenticate.ToString());
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Ct));
    }
}
