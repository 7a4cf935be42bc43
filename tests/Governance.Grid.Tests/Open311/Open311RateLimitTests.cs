using System.Net;
using Governance.Grid.Tests.Infrastructure;

namespace Governance.Grid.Tests.Open311;

public sealed class Open311RateLimitTests
{
    [Fact]
    public async Task An_anonymous_caller_past_the_public_burst_is_told_to_retry_later()
    {
        await using var host = await GridHost.StartAsync(new Dictionary<string, string?> { ["Limits:PublicBurst"] = "3", ["Limits:PublicRequestsPerMinute"] = "1" });
        var app = host.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await app.GetAsync("/open311/v2/services.json", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
