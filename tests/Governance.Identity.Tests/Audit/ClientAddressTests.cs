using System.Net;
using Governance.Identity.Audit;
using Governance.Identity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tests.Audit;

/// <summary>
/// The address the audit records and the token endpoint's rate limit counts by: the client's behind
/// a trusted ingress (<c>Hosting:TrustedProxies</c>), the connection's otherwise. The tests' requests
/// come from 127.0.0.1, which plays the ingress when it is trusted and a stranger when it is not.
/// </summary>
public sealed class ClientAddressTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<IdentityHost> StartAsync(string trustedProxy) => IdentityHost.StartAsync(new Dictionary<string, string?>
    {
        ["Hosting:TrustedProxies:0"] = trustedProxy,
        ["Identity:SignIn:TokenBurst"] = "2",
        ["Identity:SignIn:TokenRequestsPerMinute"] = "1",
    });

    /// <summary>A client-credentials request by an unknown client, which is refused and audited.</summary>
    private static async Task<HttpStatusCode> TokenRequestAsync(IdentityHost host, string clientId, string forwardedFor)
    {
        using var http = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = "x" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await http.SendAsync(request, Ct)).StatusCode;
    }

    private static Task<List<string?>> SourcesAsync(IdentityHost host, string actor) =>
        host.QueryAsync(db => db.AuditEntries.Where(e => e.Actor == actor && e.Action == AuditActions.SignInFailed).Select(e => e.Source).ToListAsync(Ct));

    [Fact]
    public async Task Behind_a_trusted_ingress_the_audit_and_the_rate_limit_see_the_forwarded_client()
    {
        await using var host = await StartAsync("127.0.0.1");

        var first = new[] { await TokenRequestAsync(host, "client.a", "203.0.113.10"), await TokenRequestAsync(host, "client.a", "203.0.113.10"), await TokenRequestAsync(host, "client.a", "203.0.113.10") };
        var other = await TokenRequestAsync(host, "client.b", "198.51.100.20");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first[0]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first[1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, first[2]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other); // its own bucket
        Assert.Equal(["203.0.113.10", "203.0.113.10"], await SourcesAsync(host, "client.a"));
        Assert.Equal(["198.51.100.20"], await SourcesAsync(host, "client.b"));
    }

    [Fact]
    public async Task From_a_peer_that_is_not_a_trusted_proxy_the_forwarded_address_is_ignored()
    {
        await using var host = await StartAsync("10.0.0.1");

        var statuses = new[] { await TokenRequestAsync(host, "client.c", "203.0.113.10"), await TokenRequestAsync(host, "client.d", "198.51.100.20"), await TokenRequestAsync(host, "client.e", "192.0.2.30") };

        // Three claimed clients, one real one: they share 127.0.0.1's bucket of two.
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        Assert.Equal(["127.0.0.1"], await SourcesAsync(host, "client.c"));
        Assert.Equal(["127.0.0.1"], await SourcesAsync(host, "client.d"));
    }
}
