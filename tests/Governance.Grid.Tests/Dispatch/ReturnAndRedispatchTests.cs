using System.Net;
using System.Net.Http.Json;
using Governance.Contracts.Grid;
using Governance.Grid.Dispatch;
using Governance.Grid.Incidents;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Dispatch;

/// <summary>退单 and 改派: a department returns a mis-dispatched incident with a reason; the centre sends it to another.</summary>
public sealed class ReturnAndRedispatchTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private HttpClient _worker = null!, _operator = null!, _urban = null!, _water = null!, _leader = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        _worker = _host.ClientAs("worker-1", Grid1, "grid_worker");
        _operator = _host.ClientAs("operator-1", Street, "centre_operator");
        _urban = _host.ClientAs("urban-1", "632801", "department_handler", Department);
        _water = _host.ClientAs("water-1", "632801", "department_handler", WaterDepartment);
        _leader = _host.ClientAs("leader-1", Grid1, "grid_leader");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> DispatchedAsync(string department = Department, object? assisting = null)
    {
        var reported = await _worker.ReportAsync();
        await _operator.StepAsync(reported.Id, "register", new { });
        await _operator.StepAsync(reported.Id, "dispatch", new { departmentId = department, assistingDepartmentIds = assisting });
        return reported.Id;
    }

    [Fact]
    public async Task A_returned_incident_goes_back_to_the_centre_and_is_re_dispatched_to_another_department_on_the_timeline_events_and_figures()
    {
        var id = await DispatchedAsync();

        // A return needs a reason.
        var (status, problem) = await _urban.TryStepAsync(id, "return", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));

        var returned = await _urban.StepAsync(id, "return", new { reason = "供水管道破裂, 属水务局职责" });
        Assert.Equal(("returned", null, "dispatch"), (returned.State, returned.DepartmentId, returned.Step));
        // It is the centre's again: no longer among the department's own.
        Assert.Empty((await _urban.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents?assignedToMyDepartment=true", Ct))!);

        // 改派 to the department that returned it is refused by name; the plain dispatch step does not apply to a returned incident.
        (status, problem) = await _operator.TryStepAsync(id, "redispatch", new { departmentId = Department });
        Assert.Equal((HttpStatusCode.Conflict, "RedispatchNeedsAnotherDepartment"), (status, problem.GetProperty("rule").GetString()));
        (status, problem) = await _operator.TryStepAsync(id, "dispatch", new { departmentId = WaterDepartment });
        Assert.Equal((HttpStatusCode.Conflict, "DispatchNeedsRegisteredIncident"), (status, problem.GetProperty("rule").GetString()));

        var redispatched = await _operator.StepAsync(id, "redispatch", new { departmentId = WaterDepartment, note = "改派水务局" });
        Assert.Equal(("dispatched", WaterDepartment), (redispatched.State, redispatched.DepartmentId));
        await _water.StepAsync(id, "accept", new { });
        await _water.StepAsync(id, "feedback", new { note = "已修复管道" });
        await _leader.StepAsync(id, "verify", new { passed = true });
        await _operator.StepAsync(id, "close", new { });

        var timeline = (await _operator.GetFromJsonAsync<List<StepView>>($"/api/grid/incidents/{id}/timeline", Ct))!;
        Assert.Equal(["report", "register", "dispatch", "return", "redispatch", "accept", "feedback", "verify", "close"], timeline.Select(s => s.Action));
        var line = timeline.Single(s => s.Action == "return");
        Assert.Equal(("urban-1", "dispatched", "returned", "供水管道破裂, 属水务局职责"), (line.Actor, line.FromState, line.ToState, line.Note));

        var parts = (await _operator.GetFromJsonAsync<List<DispatchApi.PartView>>($"/api/grid/incidents/{id}/parts", Ct))!;
        Assert.Equal([(Department, 1, "returned"), (WaterDepartment, 2, "handled")], parts.Select(p => (p.DepartmentId, p.Round, p.State)));
        Assert.Equal("城市管理局", parts[0].DepartmentName);

        var returnedEvent = Assert.Single(await _host.Events.AllAsync<IncidentReturned>(e => e.IncidentId == id));
        Assert.Equal((Department, "lead", 1), (returnedEvent.DepartmentId, returnedEvent.Role, returnedEvent.Round));
        var dispatches = await _host.Events.AllAsync<IncidentDispatched>(e => e.IncidentId == id);
        Assert.Equal([(Department, 1), (WaterDepartment, 2)], dispatches.Select(e => (e.DepartmentId, e.Round)));
        Assert.Single(await _host.Events.AllAsync<IncidentTransitioned>(e => e.IncidentId == id && e.Action == "return" && e.ToState == "returned"));

        // The figures count the return against the department that made it.
        var figures = (await _operator.GetFromJsonAsync<DepartmentFiguresApi.FiguresView>("/api/grid/figures/departments", Ct))!;
        Assert.Equal(Street, figures.Org);
        var urban = figures.Departments.Single(d => d.DepartmentId == Department);
        var water = figures.Departments.Single(d => d.DepartmentId == WaterDepartment);
        Assert.Equal((1, 0, 1, 1), (urban.Led, urban.Accepted, urban.Returned, urban.ReturnedAsLead));
        Assert.Equal((1, 1, 1, 0), (water.Led, water.Accepted, water.Handled, water.Returned));
    }

    [Fact]
    public async Task Only_the_department_it_is_dispatched_to_returns_it_and_only_before_its_feedback()
    {
        var id = await DispatchedAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await _water.TryStepAsync(id, "return", new { reason = "不是我们的" })).Status);
        // The centre cannot return it on the department's behalf either (no department in its token).
        Assert.Equal(HttpStatusCode.Forbidden, (await _operator.TryStepAsync(id, "return", new { reason = "x" })).Status);

        await _urban.StepAsync(id, "accept", new { });
        await _urban.StepAsync(id, "feedback", new { note = "已处置" });
        var (status, problem) = await _urban.TryStepAsync(id, "return", new { reason = "其实不是我们的" });
        Assert.Equal((HttpStatusCode.Conflict, "ReturnNeedsDispatchedOrAcceptedIncident"), (status, problem.GetProperty("rule").GetString()));
        Assert.Equal(IncidentState.Handled, (await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Id == id, Ct))).State);
        Assert.Empty(_host.Events.Seen<IncidentReturned>(e => e.IncidentId == id));
    }

    [Fact]
    public async Task An_accepted_incident_can_still_be_returned_and_the_re_dispatch_is_refused_outside_the_centres_reach()
    {
        var id = await DispatchedAsync();
        await _urban.StepAsync(id, "accept", new { });
        await _urban.StepAsync(id, "return", new { reason = "现场核实后不属城管职责" });

        var sibling = _host.ClientAs("operator-2", OtherCommunity, "centre_operator");
        Assert.Equal(HttpStatusCode.Forbidden, (await sibling.TryStepAsync(id, "redispatch", new { departmentId = WaterDepartment })).Status);
        var (status, problem) = await _operator.TryStepAsync(id, "redispatch", new { departmentId = "no-such-department" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("departmentId", out _));
        Assert.Equal(IncidentState.Returned, (await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Id == id, Ct))).State);
    }
}
