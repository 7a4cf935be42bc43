using System.Net;
using Governance.Testing;
using Governance.Testing.Auth;

namespace Governance.ServiceDefaults.Tests.Auth;

// IdentityModel's configuration manager reads the keys on its own clock and, when a token names an
// unknown kid, in the background: the request that asked is refused, later ones see the new keys.
// So these tests wait (boundedly) for what a caller would see, rather than moving a clock.
public sealed class KeyRotationTests
{
    [Fact]
    public async Task Key_published_after_start_is_accepted_without_restarting_the_host()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", issuer.Tokens.Create(issuer.Ec))).Response.StatusCode);

        var rotated = SigningKey.Ec("ec-2");
        issuer.Publish(issuer.Ec, rotated);
        var token = issuer.Tokens.Create(rotated);

        Assert.True(await Eventually.HoldsAsync(async () => (await host.GetAsync("/me", token)).Response.StatusCode == HttpStatusCode.OK, TestContext.Current.CancellationToken),
            "a token signed with the rotated key was still refused");
        Assert.Equal(2, issuer.JwksFetches);
    }

    [Fact]
    public async Task Burst_of_tokens_with_unknown_kids_makes_at_most_one_extra_fetch()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", issuer.Tokens.Create(issuer.Ec))).Response.StatusCode);

        var attacker = SigningKey.Ec("attacker");
        var burst = Enumerable.Range(0, 50).Select(_ => issuer.Tokens.Create(attacker.WithKid(Guid.NewGuid().ToString("n"))));
        var responses = await Task.WhenAll(burst.Select(token => host.GetAsync("/me", token)));
        foreach (var token in Enumerable.Range(0, 10).Select(_ => issuer.Tokens.Create(attacker.WithKid(Guid.NewGuid().ToString("n")))))
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/me", token)).Response.StatusCode);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.Response.StatusCode));
        Assert.InRange(issuer.JwksFetches, 1, 2);
    }

    [Fact]
    public async Task Concurrent_first_requests_share_one_fetch()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.GetAsync("/me", issuer.Tokens.Create(issuer.Ec))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        Assert.Equal(1, issuer.JwksFetches);
    }

    // The second request of the old token is answered from the validated-token cache when it is on.
    [Theory]
    [InlineData("20000")]
    [InlineData("0")]
    public async Task Token_accepted_before_is_refused_once_its_key_is_withdrawn_at_the_issuer(string cacheSize)
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer, settings: new Dictionary<string, string?>
        {
            ["Auth:JwksMinRefreshInterval"] = "00:00:01", ["Auth:ValidatedTokenCacheSize"] = cacheSize,
        });
        var old = issuer.Tokens.Create(issuer.Ec);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", old)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", old)).Response.StatusCode);

        // The issuer replaces its key; the first token signed with the new one makes the host read the keys again.
        var rotated = SigningKey.Ec("ec-2");
        issuer.Publish(rotated);
        var fresh = issuer.Tokens.Create(rotated);
        Assert.True(await Eventually.HoldsAsync(async () => (await host.GetAsync("/me", fresh)).Response.StatusCode == HttpStatusCode.OK, TestContext.Current.CancellationToken),
            "a token signed with the new key was still refused");

        var (response, _) = await host.GetAsync("/me", old);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("key the issuer does not publish", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Failed_fetch_keeps_the_last_good_keys()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);
        var token = issuer.Tokens.Create(issuer.Ec);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", token)).Response.StatusCode);

        issuer.Failing = true;
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/me", issuer.Tokens.Create(SigningKey.Ec("unknown")))).Response.StatusCode);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(issuer.JwksFetches == 2), TestContext.Current.CancellationToken), "the unknown kid did not make the host ask the issuer");

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", token)).Response.StatusCode);
    }
}
