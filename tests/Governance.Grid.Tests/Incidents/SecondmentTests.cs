using System.Net;
using System.Net.Http.Json;
using Governance.Grid.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Governance.ServiceDefaults.Auth;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Incidents;

/// <summary>
/// A grid worker of one community seconded to the street as a centre operator for three months: the
/// token carries both posts and the secondment's end, and nobody acts when the date comes.
/// </summary>
public sealed class SecondmentTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private HttpClient _seconded = null!, _streetLeader = null!;
    private Guid _incident;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        _incident = (await _host.ClientAs("worker-1", Grid1, "grid_worker").ReportAsync()).Id; // lies in Community
        var until = _host.Clock.GetUtcNow().AddDays(90);
        _seconded = _host.ClientWithPosts("seconded-1", OtherCommunity,
            new Post("grid_worker", OrgPath.Parse(OtherCommunity)), new Post("centre_operator", OrgPath.Parse(Street), until));
        // A grid leader of Grid1 who also works the whole street as a grid worker: a leader in Grid1 only.
        _streetLeader = _host.ClientWithPosts("leader-2", Grid1, new Post("grid_leader", OrgPath.Parse(Grid1)), new Post("grid_worker", OrgPath.Parse(Street)));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<Guid>> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents", Ct))!.Select(i => i.Id).ToList();

    [Fact]
    public async Task A_secondment_to_the_street_sees_and_works_the_streets_incidents_until_its_date_then_not()
    {
        Assert.Contains(_incident, await ListAsync(_seconded));
        Assert.Equal(HttpStatusCode.OK, (await _seconded.GetAsync($"/api/grid/incidents/{_incident}", Ct)).StatusCode);
        Assert.Equal("registered", (await _seconded.StepAsync(_incident, "register", new { note = "属实" })).State);

        _host.Clock.Advance(TimeSpan.FromDays(90));

        Assert.Empty(await ListAsync(_seconded)); // the home post still reads its own community, where nothing was reported
        Assert.Equal(HttpStatusCode.NotFound, (await _seconded.GetAsync($"/api/grid/incidents/{_incident}", Ct)).StatusCode);
        var (status, _) = await _seconded.TryStepAsync(_incident, "dispatch", new { departmentId = Department });
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    /// <summary>Reports an incident at (<paramref name="lng"/>, 36.405) and takes it to where it waits for verification.</summary>
    private async Task<Guid> HandledAsync(double lng)
    {
        var id = (await _host.ClientAs("worker-2", Community, "grid_worker").ReportAsync(IncidentClient.Report(lat: 36.405, lng: lng))).Id;
        var centre = _host.ClientAs("operator-1", Street, "centre_operator");
        var handler = _host.ClientAs("handler-1", "632801", "department_handler", Department);
        await centre.StepAsync(id, "register", new { note = "属实" });
        await centre.StepAsync(id, "dispatch", new { departmentId = Department });
        await handler.StepAsync(id, "accept", new { });
        await handler.StepAsync(id, "feedback", new { note = "已处理" });
        return id;
    }

    [Fact]
    public async Task A_grid_leader_in_one_grid_is_no_grid_leader_in_the_rest_of_the_street_through_another_post()
    {
        var inGrid1 = await HandledAsync(94.905);
        var inGrid2 = await HandledAsync(94.915);

        // The grid-worker post reads the whole street; only the grid-leader post verifies, in Grid1.
        Assert.Superset(new HashSet<Guid> { inGrid1, inGrid2 }, (await ListAsync(_streetLeader)).ToHashSet());
        var (refused, problem) = await _streetLeader.TryStepAsync(inGrid2, "verify", new { passed = true });
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Contains(Grid1, problem.GetProperty("detail").GetString());
        Assert.Equal("verified", (await _streetLeader.StepAsync(inGrid1, "verify", new { passed = true })).State);
    }
}
