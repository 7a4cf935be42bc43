using System.Net;
using System.Text.Json;
using Governance.ServiceDefaults.Tests.Defaults;
using Governance.Testing.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Governance.ServiceDefaults.Tests.Auth;

public sealed class BearerTokenTests
{
    [Fact]
    public async Task Valid_es256_token_is_accepted_and_the_endpoint_sees_the_caller()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);

        var (response, body) = await host.GetAsync("/me", issuer.Tokens.Create(issuer.Ec));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = JsonDocument.Parse(body).RootElement;
        Assert.Equal("u-1042", me.GetProperty("subject").GetString());
        Assert.Equal(TokenMint.Org, me.GetProperty("org").GetString());
        Assert.Equal(["mediator"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(me.GetProperty("isService").GetBoolean());
    }

    // The RSA key is published by the issuer: only the algorithm allow-list stands in the way.
    [Theory]
    [InlineData("RS256")]
    [InlineData("PS256")]
    public async Task Token_signed_with_a_published_key_but_not_es256_is_refused(string algorithm)
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);

        var (response, _) = await host.GetAsync("/me", issuer.Tokens.Create(issuer.Rsa, algorithm: algorithm));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("algorithm is not allowed", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(0, issuer.JwksFetches);
    }

    public static TheoryData<string, string> Forgeries => new()
    {
        { "expired", "expired" },
        { "not yet valid", "not valid yet" },
        { "no expiry", "no expiry" },
        { "wrong issuer", "not issued by the trusted issuer" },
        { "wrong audience", "not meant for this service" },
        { "tampered payload", "signature is invalid" },
        { "alg none", "algorithm is not allowed" },
        { "HS256 keyed with the public key", "algorithm is not allowed" },
        { "unknown kid", "key the issuer does not publish" },
        { "not a jwt", "malformed" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Bad_token_is_refused_with_401_invalid_token_and_never_echoed(string forgery, string reason)
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);
        var mint = issuer.Tokens;
        var now = DateTime.UtcNow;
        var token = forgery switch
        {
            "expired" => mint.Create(issuer.Ec, d => (d.IssuedAt, d.NotBefore, d.Expires) = (now.AddHours(-2), now.AddHours(-2), now.AddMinutes(-5))),
            "not yet valid" => mint.Create(issuer.Ec, d => d.NotBefore = now.AddMinutes(5)),
            "no expiry" => mint.Create(issuer.Ec, d => d.Expires = null),
            "wrong issuer" => mint.Create(issuer.Ec, d => d.Issuer = "https://impostor.example"),
            "wrong audience" => mint.Create(issuer.Ec, d => d.Audience = "another-service"),
            "tampered payload" => TokenMint.Tampered(mint.Create(issuer.Ec)),
            "alg none" => TokenMint.Unsigned(mint.Create(issuer.Ec)),
            "HS256 keyed with the public key" => TokenMint.HmacWithPublicKey(mint.Create(issuer.Ec), issuer.Ec),
            "unknown kid" => mint.Create(SigningKey.Ec("never-published")),
            _ => "not-a-jwt-8f3c2a",
        };

        var (response, body) = await host.GetAsync("/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate).ToString();
        Assert.StartsWith("Bearer error=\"invalid_token\"", challenge);
        Assert.True(challenge.Contains(reason), challenge);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        foreach (var part in token.Split('.').Where(p => p.Length > 0))
        {
            Assert.DoesNotContain(part, body);
            Assert.DoesNotContain(part, challenge);
        }
    }

    [Fact]
    public async Task Request_without_a_token_is_refused_with_a_bare_bearer_challenge()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);

        var (response, body) = await host.GetAsync("/me", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        Assert.Equal(401, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Host_without_an_issuer_starts_and_refuses_every_token()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await DefaultsHost.StartAsync(map: app => app.MapGet("/me", () => "ok"));

        var (response, _) = await host.GetAsync("/me", issuer.Tokens.Create(issuer.Ec));
        var (live, _) = await host.GetAsync("/health/live", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("no token issuer configured", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(0, issuer.JwksFetches);
    }

    [Fact]
    public async Task Health_endpoints_need_no_token()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);

        var (live, _) = await host.GetAsync("/health/live", token: null);
        var (ready, _) = await host.GetAsync("/health/ready", token: null);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Unknown_route_is_a_404_to_a_signed_in_caller_and_a_401_to_an_anonymous_one()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);

        var (signedIn, body) = await host.GetAsync("/api/nothing-here", issuer.Tokens.Create(issuer.Ec));
        var (anonymous, _) = await host.GetAsync("/api/nothing-here", token: null);

        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
        Assert.Equal(404, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Host_refuses_to_start_with_an_issuer_over_plain_http_off_loopback()
    {
        var settings = new Dictionary<string, string?> { ["Auth:Issuer"] = "http://identity.example.gov", ["Auth:Audience"] = "governance" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DefaultsHost.StartAsync(settings: settings));

        Assert.Contains("must use https", error.Message);
    }

    [Fact]
    public async Task Host_starts_with_a_plain_http_issuer_off_loopback_when_https_metadata_is_switched_off()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "http://identity.example.gov", ["Auth:Audience"] = "governance", ["Auth:RequireHttpsMetadata"] = "false",
        };

        await using var host = await DefaultsHost.StartAsync(settings: settings);
        var (live, _) = await host.GetAsync("/health/live", token: null);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Discovery_document_naming_another_issuer_is_not_used()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        // The host trusts "localhost" while the issuer's document says "127.0.0.1": the same server, another name.
        var impostor = issuer.Issuer.Replace("127.0.0.1", "localhost");
        await using var host = await DefaultsHost.StartAsync(map: app => app.MapGet("/me", () => "ok"),
            settings: new Dictionary<string, string?> { ["Auth:Issuer"] = impostor, ["Auth:Audience"] = TestIssuer.Audience });

        var (response, _) = await host.GetAsync("/me", new TokenMint(impostor, TestIssuer.Audience).Create(issuer.Ec));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("key the issuer does not publish", response.Headers.WwwAuthenticate.ToString());
    }
}
