using System.Net;
using Governance.ServiceDefaults.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Governance.ServiceDefaults.Tests.Defaults;

/// <summary>
/// The client's address behind an ingress: the tests' requests come from 127.0.0.1, which plays the
/// ingress when it is listed in <c>Hosting:TrustedProxies</c> and a stranger when it is not.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DefaultsHost> StartAsync(params string[] trusted)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Limits:PublicBurst"] = "2",
            ["Limits:PublicRequestsPerMinute"] = "1",
        };
        for (var i = 0; i < trusted.Length; i++) settings[$"Hosting:TrustedProxies:{i}"] = trusted[i];
        return DefaultsHost.StartAsync(settings: settings, map: app =>
        {
            // What the audit and the rate limiter read.
            app.MapGet("/client", (HttpContext http) => $"{http.Connection.RemoteIpAddress} {http.Request.Scheme}").AllowAnonymous();
            // What public links are built from (grid's Open311 discovery).
            app.MapGet("/host", (HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}").AllowAnonymous();
            app.MapGet("/public", () => "ok").RequireRateLimiting(LimitsExtensions.PublicPolicy).AllowAnonymous();
        });
    }

    private static async Task<string> ClientSeenAsync(DefaultsHost host, string? forwardedFor, string? forwardedProto = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/client");
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using var client = host.Client();
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<HttpStatusCode[]> PublicCallsAsync(DefaultsHost host, params string[] forwardedFor)
    {
        using var client = host.Client();
        var statuses = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/public");
            request.Headers.Add("X-Forwarded-For", address);
            statuses.Add((await client.SendAsync(request, Ct)).StatusCode);
        }
        return [.. statuses];
    }

    [Fact]
    public async Task Without_trusted_proxies_forwarded_headers_are_ignored()
    {
        await using var host = await StartAsync();

        Assert.Equal("127.0.0.1 http", await ClientSeenAsync(host, "203.0.113.7", "https"));
    }

    [Fact]
    public async Task From_a_peer_that_is_not_a_trusted_proxy_forwarded_headers_are_ignored()
    {
        // Loopback is trusted by the middleware's own defaults: the list replaces them.
        await using var host = await StartAsync("10.0.0.1", "192.168.0.0/16");

        Assert.Equal("127.0.0.1 http", await ClientSeenAsync(host, "203.0.113.7", "https"));
    }

    [Fact]
    public async Task From_a_trusted_proxy_the_forwarded_client_address_and_scheme_are_used()
    {
        await using var host = await StartAsync("127.0.0.1");

        Assert.Equal("203.0.113.7 https", await ClientSeenAsync(host, "203.0.113.7", "https"));
        Assert.Equal("127.0.0.1 http", await ClientSeenAsync(host, forwardedFor: null));
    }

    [Fact]
    public async Task The_forwarded_host_is_used_from_a_trusted_proxy_only()
    {
        async Task<string> HostSeenAsync(DefaultsHost host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/host");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", "governance.county.gov.cn");
            using var client = host.Client();
            return await (await client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
        }

        await using (var trusted = await StartAsync("127.0.0.1"))
            Assert.Equal("https://governance.county.gov.cn", await HostSeenAsync(trusted));
        await using var untrusted = await StartAsync("10.0.0.1");
        Assert.StartsWith("http://127.0.0.1:", await HostSeenAsync(untrusted));
    }

    [Fact]
    public async Task A_trusted_network_is_given_in_CIDR_notation()
    {
        await using var host = await StartAsync("127.0.0.0/8");

        Assert.Equal("2001:db8::7 http", await ClientSeenAsync(host, "2001:db8::7"));
    }

    [Fact]
    public async Task A_chain_is_believed_only_up_to_its_first_untrusted_hop()
    {
        await using var host = await StartAsync("127.0.0.1", "10.0.0.0/8");

        // Read from the right: the ingress (127.0.0.1) says it got the request from 10.1.2.3, a trusted
        // proxy, which got it from 198.51.100.4: that is the client.
        Assert.Equal("198.51.100.4 http", await ClientSeenAsync(host, "198.51.100.4, 10.1.2.3"));
        // 203.0.113.9 is nobody we trust: what it claims (198.51.100.4) is not believed.
        Assert.Equal("203.0.113.9 http", await ClientSeenAsync(host, "198.51.100.4, 203.0.113.9, 10.1.2.3"));
        // A client writing its own header ahead of the ingress's gains nothing either.
        Assert.Equal("203.0.113.9 http", await ClientSeenAsync(host, "10.9.9.9, 203.0.113.9"));
    }

    [Fact]
    public async Task The_rate_limit_partitions_by_the_forwarded_client_only_behind_a_trusted_proxy()
    {
        await using (var untrusted = await StartAsync("10.0.0.1"))
            // Three different claimed clients, one real one: they share 127.0.0.1's bucket of two.
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
                await PublicCallsAsync(untrusted, "203.0.113.1", "203.0.113.2", "203.0.113.3"));

        await using var trusted = await StartAsync("127.0.0.1");
        // Behind the ingress each client has its own bucket, and one client still runs out of its own.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            await PublicCallsAsync(trusted, "203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.1", "203.0.113.1"));
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_neither_an_address_nor_a_network_fails_the_start_naming_it()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("10.0.0.1", "10.0.0.1/8", "ingress.local"));

        Assert.Contains("Hosting:TrustedProxies:1 '10.0.0.1/8'", refused.Message);
        Assert.Contains("Hosting:TrustedProxies:2 'ingress.local'", refused.Message);
        Assert.DoesNotContain("TrustedProxies:0", refused.Message);
    }
}
