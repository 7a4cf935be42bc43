using System.Net;
using Microsoft.Extensions.Configuration;

namespace Governance.Population.Tests.Infrastructure;

public sealed class HostStartsTests
{
    [Fact]
    public async Task The_population_host_starts_ready_on_its_own_database()
    {
        await using var host = await PopulationHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Http };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_host_without_its_keys_does_not_start()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => PopulationHost.StartAsync(new Dictionary<string, string?>
        {
            ["Population:Protection:Keys:1:Key"] = "not base64!",
        }));
        Assert.Contains("Population:Protection:Keys:1:Key", refused.Message);
    }
}
