using System.Net;
using Governance.Testing.Auth;

namespace Governance.ServiceDefaults.Tests.Auth;

// The clock is moved by hand past Auth:JwksMinRefreshInterval (30 s) and Auth:JwksRefreshInterval (10 min).
public sealed class KeyRotationTests
{
    private static readonly TimeSpan PastThrottle = TimeSpan.FromSeconds(31);
    private static readonly TimeSpan PastRefresh = TimeSpan.FromMinutes(11);

    [Fact]
    public async Task Key_published_after_start_is_accepted_without_restarting_the_host()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        var clock = new TestClock();
        await using var host = await AuthProbe.StartAsync(issuer, clock);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", issuer.Tokens.Create(issuer.Rsa))).Response.StatusCode);

        var rotated = SigningKey.Rsa("rsa-2");
        issuer.Publish(issuer.Rsa, rotated);
        clock.Advance(PastThrottle);
        var (response, _) = await host.GetAsync("/me", issuer.Tokens.Create(rotated));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, issuer.JwksFetches);
    }

    [Fact]
    public async Task Burst_of_tokens_with_unknown_kids_makes_at_most_one_extra_fetch()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        var clock = new TestClock();
        await using var host = await AuthProbe.StartAsync(issuer, clock);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", issuer.Tokens.Create(issuer.Rsa))).Response.StatusCode);
        clock.Advance(PastThrottle);

        var attacker = SigningKey.Rsa("attacker");
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

    [Fact]
    public async Task Key_withdrawn_at_the_issuer_stops_validating_after_the_refresh_interval()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        var clock = new TestClock();
        await using var host = await AuthProbe.StartAsync(issuer, clock);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", issuer.Tokens.Create(issuer.Rsa))).Response.StatusCode);

        issuer.Publish(issuer.Ec);
        clock.Advance(PastRefresh);
        var (response, _) = await host.GetAsync("/me", issuer.Tokens.Create(issuer.Rsa));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", issuer.Tokens.Create(issuer.Ec))).Response.StatusCode);
    }

    [Fact]
    public async Task Failed_fetch_keeps_the_last_good_keys()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        var clock = new TestClock();
        await using var host = await AuthProbe.StartAsync(issuer, clock);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", issuer.Tokens.Create(issuer.Rsa))).Response.StatusCode);

        issuer.Failing = true;
        clock.Advance(PastRefresh);
        var (response, _) = await host.GetAsync("/me", issuer.Tokens.Create(issuer.Rsa));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, issuer.JwksFetches);
    }

    [Fact]
    public async Task A_token_validated_before_is_refused_once_its_key_is_withdrawn_even_within_the_validation_cache()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        var clock = new TestClock();
        await using var host = await AuthProbe.StartAsync(issuer, clock,
            new Dictionary<string, string?> { ["Auth:JwksRefreshInterval"] = "00:00:20", ["Auth:JwksMinRefreshInterval"] = "00:00:01" });
        var rsaToken = issuer.Tokens.Create(issuer.Rsa);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", rsaToken)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", rsaToken)).Response.StatusCode); // from the cache

        issuer.Publish(issuer.Ec);
        clock.Advance(TimeSpan.FromSeconds(21)); // the keys are stale; the cached entry (60 s) is not
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/me", issuer.Tokens.Create(issuer.Ec))).Response.StatusCode); // refetches: RSA gone

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/me", rsaToken)).Response.StatusCode);
    }
}
