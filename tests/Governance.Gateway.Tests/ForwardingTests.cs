using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Gateway.Tests.Infrastructure;

namespace Governance.Gateway.Tests;

/// <summary>
/// What the services behind the gateway see: the client's address, scheme and host in X-Forwarded-*, the caller's
/// Authorization and cookies as sent, no hop-by-hop headers; and grid, trusting the gateway, builds its public links
/// from the client's scheme and host. Here the tests play the ingress in front of the gateway (127.0.0.1, trusted).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ForwardingTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_service_sees_the_client_address_scheme_and_host_that_the_ingress_reported()
    {
        using var client = platform.Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/assessment/rankings");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "governance.county.gov.cn");

        var echo = await Echo.ReadAsync(await client.SendAsync(request, Ct));

        Assert.Equal("203.0.113.7", echo.Header("X-Forwarded-For"));
        Assert.Equal("https", echo.Header("X-Forwarded-Proto"));
        Assert.Equal("governance.county.gov.cn", echo.Header("X-Forwarded-Host"));
        // Nothing was stripped off the front of the path, so there is no prefix to report.
        Assert.Null(echo.Header("X-Forwarded-Prefix"));
        // The service is addressed by its own name; the public host travels in X-Forwarded-Host.
        Assert.Equal($"127.0.0.1:{platform.Echoes["assessment"].Port}", echo.Header("Host"));
    }

    [Fact]
    public async Task Grid_builds_its_Open311_discovery_address_from_the_clients_scheme_and_host()
    {
        using var client = platform.Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/discovery.json");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "governance.county.gov.cn");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var discovery = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"url\":\"https://governance.county.gov.cn/open311/v2\"", discovery);
    }

    [Fact]
    public async Task Without_an_ingress_header_the_host_the_client_asked_for_is_what_grid_sees()
    {
        using var client = platform.Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/discovery.json");
        request.Headers.Host = "gov.example.cn:8443";

        var discovery = await (await client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Contains("\"url\":\"http://gov.example.cn:8443/open311/v2\"", discovery);
    }

    [Fact]
    public async Task Authorization_and_cookies_pass_through_unchanged_both_ways()
    {
        using var client = platform.Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/signin");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
        request.Headers.Add("Cookie", ".AspNetCore.Antiforgery.x=CfDJ8abc; governance.console=s%3Aopaque");
        request.Headers.Add("X-Echo-Set-Cookie", "governance.console=v2; path=/; secure; samesite=lax; httponly");

        var response = await client.SendAsync(request, Ct);
        var echo = await Echo.ReadAsync(response);

        Assert.Equal("Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln", echo.Header("Authorization"));
        Assert.Equal(".AspNetCore.Antiforgery.x=CfDJ8abc; governance.console=s%3Aopaque", echo.Header("Cookie"));
        Assert.Equal(["governance.console=v2; path=/; secure; samesite=lax; httponly"], response.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task Hop_by_hop_headers_stop_at_the_gateway()
    {
        static HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/population/houses");
            request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5, max=100");
            request.Headers.TryAddWithoutValidation("Proxy-Connection", "keep-alive");
            request.Headers.Add("X-Request-Note", "kept");
            return request;
        }
        // Sent straight to the service, the headers arrive: the client does send them.
        using (var direct = new HttpClient { BaseAddress = new Uri(platform.Echoes["population"].Address) })
        using (var request = Request())
        {
            var received = await Echo.ReadAsync(await direct.SendAsync(request, Ct));
            Assert.Equal(("timeout=5, max=100", "keep-alive"), (received.Header("Keep-Alive"), received.Header("Proxy-Connection")));
        }

        using var client = platform.Gateway.Client();
        using var proxied = Request();
        var echo = await Echo.ReadAsync(await client.SendAsync(proxied, Ct));

        Assert.Null(echo.Header("Keep-Alive"));
        Assert.Null(echo.Header("Proxy-Connection"));
        Assert.Equal("kept", echo.Header("X-Request-Note"));
    }

    [Fact]
    public async Task A_call_with_a_token_is_answered_by_grid_and_without_one_grid_refuses_it()
    {
        using var signedIn = platform.Gateway.Client();
        signedIn.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", platform.Grid.Issuer.TokenFor("operator-1", "632801", ["centre_operator"]));
        var incidents = await signedIn.GetAsync("/api/grid/incidents", Ct);
        Assert.Equal(HttpStatusCode.OK, incidents.StatusCode);

        using var anonymous = platform.Gateway.Client();
        var refused = await anonymous.GetAsync("/api/grid/incidents", Ct);
        // Grid's refusal (RFC 6750 challenge and its problem body), passed through: the gateway decides nothing.
        var problem = await ProblemAnswers.ReadAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("Unauthorized", problem.GetProperty("title").GetString());

        using var forged = platform.Gateway.Client();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        var bad = await forged.GetAsync("/api/grid/incidents", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Contains("invalid_token", bad.Headers.WwwAuthenticate.Single().Parameter);
    }
}
