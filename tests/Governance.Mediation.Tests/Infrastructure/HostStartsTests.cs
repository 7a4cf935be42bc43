using System.Net;

namespace Governance.Mediation.Tests.Infrastructure;

public sealed class HostStartsTests
{
    [Fact]
    public async Task The_mediation_host_starts_ready_on_its_own_database()
    {
        await using var host = await MediationHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Http };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
    }
}
