using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Mediation.Cases;
using Governance.Mediation.Tests.Infrastructure;
using static Governance.Mediation.Tests.Cases.CaseTestKit;

namespace Governance.Mediation.Tests.Cases;

/// <summary>The console's case queue: the caller's reach, narrowed by state, level and category; a bad filter is named.</summary>
public sealed class CaseQueueTests
{
    [Fact]
    public async Task The_queue_narrows_by_level_and_category_within_the_callers_reach_and_names_a_bad_filter()
    {
        await using var host = await MediationHost.StartAsync();
        using var window = host.ClientAs("w-1", MediationHost.Community, "centre_operator");
        var neighbours = await RegisterAsync(window, Request(MediationHost.Grid1));
        var wages = await RegisterAsync(window, Request(MediationHost.Community, category: "labour_and_wages", risk: "major"));
        Assert.NotEqual(neighbours.Level, wages.Level);

        async Task<List<string>> Queue(HttpClient client, string query) =>
            (await client.GetFromJsonAsync<List<CaseView>>("/api/mediation/cases" + query, Ct))!.Select(c => c.Number).ToList();

        Assert.Equal([neighbours.Number], await Queue(window, $"?level={neighbours.Level}"));
        Assert.Equal([wages.Number], await Queue(window, $"?level={wages.Level}"));
        Assert.Equal([wages.Number], await Queue(window, "?category=labour_and_wages"));
        Assert.Equal([neighbours.Number], await Queue(window, $"?category=neighbour&level={neighbours.Level}&state=registered"));
        Assert.Empty(await Queue(window, "?category=medical"));

        // Another community's staff see none of them, whatever the filter.
        using var elsewhere = host.ClientAs("w-2", MediationHost.OtherCommunity, "centre_operator");
        Assert.Empty(await Queue(elsewhere, $"?level={wages.Level}"));

        foreach (var (query, field) in new[] { ("?level=province", "level"), ("?category=noise", "category"), ("?state=open", "state") })
        {
            var response = await window.GetAsync("/api/mediation/cases" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }
}
