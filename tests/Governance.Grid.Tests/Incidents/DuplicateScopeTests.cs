using System.Net.Http.Json;
using Governance.Grid.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Governance.ServiceDefaults.Auth;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Incidents;

/// <summary>Duplicate suggestions reach 100 m, across boundaries; a reporter sees only those they may read.</summary>
public sealed class DuplicateScopeTests : IAsyncLifetime
{
    private GridHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GridHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IncidentsApi.ReportedView> ReportAsync(HttpClient client, double lng)
    {
        var response = await client.PostAsJsonAsync("/api/grid/incidents", IncidentClient.Report(lat: 36.405, lng: lng), Ct);
        return (await response.Content.ReadFromJsonAsync<IncidentsApi.ReportedView>(Ct))!;
    }

    [Fact]
    public async Task A_reporter_near_a_boundary_is_not_shown_the_other_sides_incidents()
    {
        // In grid 002, 20 m east of the boundary with grid 001 (lng 94.91).
        var beyond = (await ReportAsync(_host.ClientAs("worker-c", Community, "grid_worker"), 94.9101)).Incident.Id;

        // A grid worker whose only post is grid 001 reports 20 m west of the boundary.
        var gridOnly = _host.ClientWithPosts("worker-g", Grid1, new Post("grid_worker", OrgPath.Parse(Grid1)));
        var fromGrid1 = await ReportAsync(gridOnly, 94.9099);
        Assert.Equal(Grid1, fromGrid1.Incident.OrgPath);
        Assert.Empty(fromGrid1.PossibleDuplicates);

        // The community's worker reads both grids and is shown it.
        var fromCommunity = await ReportAsync(_host.ClientAs("worker-c2", Community, "grid_worker"), 94.9099);
        Assert.Contains(beyond, fromCommunity.PossibleDuplicates.Select(d => d.Id));
    }
}
