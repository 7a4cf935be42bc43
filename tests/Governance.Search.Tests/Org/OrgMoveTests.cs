using Governance.Contracts.Grid;
using Governance.Contracts.Identity;
using Governance.Search.Backends;
using Governance.Search.Tests.Infrastructure;

namespace Governance.Search.Tests.Org;

/// <summary>
/// Identity moves a community to another street: its records leave the old street's searches (every page and facet,
/// since the scope is in the query) and join the new street's, and a record published afterwards still carrying the old
/// path (its producer not yet moved) lands at the new one.
/// </summary>
public sealed class OrgMoveTests : IAsyncLifetime
{
    private SearchHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SearchHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_moved_communitys_records_are_found_by_the_new_street_only_and_so_are_its_late_ones()
    {
        var (from, to) = (_host.Org("011"), _host.Org("012"));
        var (oldCommunity, newCommunity) = (from + "/001", to + "/001");
        var at = new DateTime(2026, 11, 10, 2, 0, 0, DateTimeKind.Utc);
        var (before, behind) = (Guid.NewGuid(), Guid.NewGuid());
        using var oldStreet = _host.ClientAs("op-old", from, "centre_operator");
        using var newStreet = _host.ClientAs("op-new", to, "centre_operator");
        await _host.PublishAsync(new IncidentReported(before, "20261110-000101", "citizen", "road", "normal", "100000000000011", oldCommunity, at));
        Assert.True(await SearchHost.WaitUntilAsync(async () => (await Incidents(oldStreet)).Total == 1, TimeSpan.FromSeconds(60)), "Never searchable.");

        await _host.PublishAsync(new OrgNodeChanged(Guid.NewGuid(), newCommunity, oldCommunity, "幸福社区", at.AddDays(1)));
        await _host.PublishAsync(new IncidentReported(behind, "20261111-000102", "citizen", "road", "normal", "100000000000011", oldCommunity, at.AddDays(2)));

        Assert.True(await SearchHost.WaitUntilAsync(async () => (await Incidents(newStreet)).Total == 2, TimeSpan.FromSeconds(60)),
            "The moved records never reached the new street's searches.");
        var found = await Incidents(newStreet);
        Assert.Equal(new[] { before.ToString(), behind.ToString() }.Order(), found.Hits.Select(h => h.RecordId).Order());
        Assert.All(found.Hits, h => Assert.Equal(newCommunity, h.OrgPath));
        var left = await Incidents(oldStreet);
        Assert.Equal(0, left.Total);
        Assert.Empty(left.Hits);
        Assert.DoesNotContain(left.Facets.Values.SelectMany(f => f), f => f.Count > 0);
    }

    private Task<SearchResult> Incidents(HttpClient caller) => _host.GetAsync<SearchResult>(caller, "/api/search?type=incident&pageSize=100");
}
