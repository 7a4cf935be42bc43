using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Grid;
using Governance.Grid.Patrols;
using Governance.Grid.Staffing;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Staffing;

public sealed class StaffingAndPatrolTests : IAsyncLifetime
{
    private const string GridCode = "632801001002001";
    private GridHost _host = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        _admin = _host.ClientAs("admin-1", "632801", "admin");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<StaffingApi.PostView> AssignAsync(string post, string name, string? userId = null)
    {
        var response = await _admin.PostAsJsonAsync($"/api/grid/cells/{GridCode}/staff", new { post, name, userId }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<StaffingApi.PostView>(Ct))!;
    }

    [Fact]
    public async Task A_new_leader_ends_the_old_ones_term_and_history_shows_both()
    {
        var before = _host.Clock.GetUtcNow().UtcDateTime;
        await AssignAsync("leader", "王网格长", "u-1");
        await AssignAsync("worker", "李网格员", "u-2");
        await AssignAsync("police", "赵警官");
        _host.Clock.Advance(TimeSpan.FromDays(30));
        await AssignAsync("leader", "陈网格长", "u-3");

        var now = await _admin.GetFromJsonAsync<List<StaffingApi.PostView>>($"/api/grid/cells/{GridCode}/staff", Ct);
        Assert.Equal(["李网格员", "赵警官", "陈网格长"], now!.Select(p => p.Name));
        var then = await _admin.GetFromJsonAsync<List<StaffingApi.PostView>>($"/api/grid/cells/{GridCode}/staff?at={before.AddDays(1):O}", Ct);
        Assert.Contains(then!, p => p.Post == "leader" && p.Name == "王网格长");
        var history = await _admin.GetFromJsonAsync<List<StaffingApi.PostView>>($"/api/grid/cells/{GridCode}/staff?history=true", Ct);
        Assert.Equal(4, history!.Count);
        Assert.NotNull(history.Single(p => p.Name == "王网格长").To);
    }

    [Fact]
    public async Task Bad_posts_repeats_and_outsiders_are_refused()
    {
        var bad = await _admin.PostAsJsonAsync($"/api/grid/cells/{GridCode}/staff", new { post = "mayor", name = "某人" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await AssignAsync("worker", "李网格员", "u-2");
        var again = await _admin.PostAsJsonAsync($"/api/grid/cells/{GridCode}/staff", new { post = "worker", name = "李网格员", userId = "u-2" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var sibling = _host.ClientAs("admin-2", OtherCommunity, "admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await sibling.PostAsJsonAsync($"/api/grid/cells/{GridCode}/staff", new { post = "volunteer", name = "志愿者" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/grid/cells/632801001002099/staff", Ct)).StatusCode);
    }

    [Fact]
    public async Task Valid_reports_per_worker_per_day_count_patrol_logs_and_unrejected_patrol_reports()
    {
        var worker = _host.ClientAs("worker-1", Grid1, "grid_worker");
        (await worker.PostAsJsonAsync("/api/grid/patrols", new { gridCode = GridCode, summary = "巡查金峰小区，未见异常" }, Ct)).EnsureSuccessStatusCode();
        await worker.ReportAsync();
        var rejected = await worker.ReportAsync(IncidentClient.Report(category: "street_order"));
        var @operator = _host.ClientAs("operator-1", Street, "centre_operator");
        await @operator.StepAsync(rejected.Id, "reject", new { reason = "不属实" });

        var figures = await @operator.GetFromJsonAsync<List<PatrolsApi.WorkerDay>>("/api/grid/patrols/valid-reports", Ct);
        var today = figures!.Single();
        Assert.Equal(("worker-1", 1, 1, 2), (today.WorkerId, today.PatrolLogs, today.ValidIncidentReports, today.ValidReports));

        var outside = _host.ClientAs("worker-2", OtherCommunity, "grid_worker");
        Assert.Equal(HttpStatusCode.Forbidden, (await outside.PostAsJsonAsync("/api/grid/patrols", new { gridCode = GridCode, summary = "x" }, Ct)).StatusCode);
        var tooLong = await @operator.GetAsync("/api/grid/patrols/valid-reports?from=2026-01-01&to=2026-06-30", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Compounds_hold_buildings_which_hold_units_and_nothing_else()
    {
        var compound = await AreaAsync(new { kind = "compound", code = "01", name = "金峰小区", households = 420 });
        var building = await AreaAsync(new { kind = "building", code = "3", name = "3号楼", parentId = compound.GetProperty("id").GetGuid() });
        await AreaAsync(new { kind = "unit", code = "2", name = "2单元", parentId = building.GetProperty("id").GetGuid() });

        var wrong = await _admin.PostAsJsonAsync($"/api/grid/cells/{GridCode}/areas", new { kind = "compound", code = "9", name = "错层", parentId = building.GetProperty("id").GetGuid() }, Ct);
        Assert.Equal("AreaSitsInTheLevelAbove", (await wrong.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("rule").GetString());
        var orphanUnit = await _admin.PostAsJsonAsync($"/api/grid/cells/{GridCode}/areas", new { kind = "unit", code = "1", name = "1单元" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, orphanUnit.StatusCode);
        var again = await _admin.PostAsJsonAsync($"/api/grid/cells/{GridCode}/areas", new { kind = "compound", code = "02", name = "金峰小区" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var areas = await _host.ClientAs("worker-1", Grid1, "grid_worker").GetFromJsonAsync<List<JsonElement>>($"/api/grid/cells/{GridCode}/areas", Ct);
        Assert.Equal(3, areas!.Count);
    }

    [Fact]
    public async Task Areas_carry_codes_unique_at_their_place_and_are_published_for_population()
    {
        var compound = await AreaAsync(new { kind = "compound", code = "07", name = "幸福小区", latitude = 36.4, longitude = 94.9 });
        var compoundId = compound.GetProperty("id").GetGuid();
        var building = await AreaAsync(new { kind = "building", code = "3", name = "3号楼", parentId = compoundId });
        await AreaAsync(new { kind = "building", code = "3", name = "独栋3号" }); // the same code at another place (straight in the grid)

        var taken = await _admin.PostAsJsonAsync($"/api/grid/cells/{GridCode}/areas", new { kind = "building", code = "3", name = "另一个", parentId = compoundId }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var badCode = await _admin.PostAsJsonAsync($"/api/grid/cells/{GridCode}/areas", new { kind = "compound", code = "7 号", name = "坏码" }, Ct);
        Assert.Equal("code", (await badCode.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Single().Name);

        var registered = await _host.Events.WaitForAsync<GridAreaRegistered>(e => e.AreaId == building.GetProperty("id").GetGuid());
        Assert.Equal(("building", "3", (Guid?)compoundId, GridCode, Grid1), (registered.Kind, registered.Code, registered.ParentId, registered.GridCode, registered.OrgPath));

        var renamed = await _admin.PatchAsJsonAsync($"/api/grid/cells/{GridCode}/areas/{compoundId}", new { name = "幸福家园", clearPoint = true }, Ct);
        Assert.True(renamed.IsSuccessStatusCode, await renamed.Content.ReadAsStringAsync(Ct));
        var changed = await _host.Events.WaitForAsync<GridAreaChanged>(e => e.AreaId == compoundId);
        Assert.Equal(("幸福家园", (double?)null), (changed.Name, changed.Latitude));
        var outside = _host.ClientAs("admin-2", OtherCommunity, "admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await outside.PatchAsJsonAsync($"/api/grid/cells/{GridCode}/areas/{compoundId}", new { name = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PatchAsJsonAsync($"/api/grid/cells/{GridCode}/areas/{Guid.NewGuid()}", new { name = "x" }, Ct)).StatusCode);
    }

    private async Task<JsonElement> AreaAsync(object body)
    {
        var response = await _admin.PostAsJsonAsync($"/api/grid/cells/{GridCode}/areas", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
