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

/// <summary>主办 and 协办: a dispatch names one lead and assisting departments; each accepts and feeds back on its own part; verification waits for the lead.</summary>
public sealed class LeadAndAssistingTests : IAsyncLifetime
{
    private const string ThirdDepartment = "0193a5e0-0000-7000-8000-000000000005";
    private GridHost _host = null!;
    private HttpClient _worker = null!, _operator = null!, _urban = null!, _water = null!, _third = null!, _leader = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        await _host.SeedAsync(db => db.Departments.Add(new Governance.Grid.Departments.DepartmentReplica
        {
            DepartmentId = ThirdDepartment, Code = "emergency", Name = "应急管理局", Kind = "emergency", OrgNodeId = Guid.NewGuid(),
            OrgPath = "632801", Known = true, ChangedAt = DateTime.UtcNow,
        }));
        _worker = _host.ClientAs("worker-1", Grid1, "grid_worker");
        _operator = _host.ClientAs("operator-1", Street, "centre_operator");
        _urban = _host.ClientAs("urban-1", "632801", "department_handler", Department);
        _water = _host.ClientAs("water-1", "632801", "department_handler", WaterDepartment);
        _third = _host.ClientAs("office-1", "632801", "department_handler", ThirdDepartment);
        _leader = _host.ClientAs("leader-1", Grid1, "grid_leader");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> RegisteredAsync()
    {
        var reported = await _worker.ReportAsync();
        await _operator.StepAsync(reported.Id, "register", new { });
        return reported.Id;
    }

    [Fact]
    public async Task Each_department_acts_on_its_own_part_and_verification_waits_for_the_lead_only()
    {
        var id = await RegisteredAsync();
        var dispatched = await _operator.StepAsync(id, "dispatch", new { departmentId = Department, assistingDepartmentIds = new[] { WaterDepartment, ThirdDepartment } });
        Assert.Equal(Department, dispatched.DepartmentId);
        var published = Assert.Single(await _host.Events.AllAsync<IncidentDispatched>(e => e.IncidentId == id));
        Assert.Equal([WaterDepartment, ThirdDepartment], published.AssistingDepartmentIds!);

        // Each assisting department finds it among its own.
        foreach (var assisting in new[] { _water, _third })
            Assert.Equal([id], (await assisting.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents?assignedToMyDepartment=true", Ct))!.Select(i => i.Id));

        // An assisting department accepts and feeds back on its part: the incident does not move.
        var afterAssist = await _water.StepAsync(id, "accept", new { });
        Assert.Equal("dispatched", afterAssist.State);
        var (status, problem) = await _water.TryStepAsync(id, "accept", new { });
        Assert.Equal((HttpStatusCode.Conflict, "AcceptNeedsDispatchedPart"), (status, problem.GetProperty("rule").GetString()));
        await _water.StepAsync(id, "feedback", new { note = "已关阀停水配合" });
        Assert.Equal(IncidentState.Dispatched, (await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Id == id, Ct))).State);
        // Verification waits for the lead: the assisting feedback does not make the incident handled.
        (status, problem) = await _leader.TryStepAsync(id, "verify", new { passed = true });
        Assert.Equal((HttpStatusCode.Conflict, "VerifyNeedsHandledIncident"), (status, problem.GetProperty("rule").GetString()));
        // An assisting department feeds back before accepting: refused by name.
        (status, problem) = await _third.TryStepAsync(id, "feedback", new { note = "x" });
        Assert.Equal((HttpStatusCode.Conflict, "FeedbackNeedsAcceptedPart"), (status, problem.GetProperty("rule").GetString()));

        // The lead's feedback is what verification waits for; the third department's missing feedback does not hold it up.
        await _urban.StepAsync(id, "accept", new { });
        await _urban.StepAsync(id, "feedback", new { note = "已修复路面" });
        var verified = await _leader.StepAsync(id, "verify", new { passed = true });
        Assert.Equal("verified", verified.State);

        var timeline = (await _operator.GetFromJsonAsync<List<StepView>>($"/api/grid/incidents/{id}/timeline", Ct))!;
        Assert.Equal(["report", "register", "dispatch", "assist-accept", "assist-feedback", "accept", "feedback", "verify"], timeline.Select(s => s.Action));
        Assert.Equal(("water-1", "已关阀停水配合"), (timeline[4].Actor, timeline[4].Note));
        var parts = (await _operator.GetFromJsonAsync<List<DispatchApi.PartView>>($"/api/grid/incidents/{id}/parts", Ct))!;
        Assert.Equal([(Department, "lead", "handled"), (WaterDepartment, "assisting", "handled"), (ThirdDepartment, "assisting", "dispatched")],
            parts.Select(p => (p.DepartmentId, p.Role, p.State)));
    }

    [Fact]
    public async Task A_department_acts_only_on_its_own_part()
    {
        var id = await RegisteredAsync();
        await _operator.StepAsync(id, "dispatch", new { departmentId = Department, assistingDepartmentIds = new[] { WaterDepartment } });
        // A department with no part neither has it among its own nor touches it.
        Assert.Empty((await _third.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents?assignedToMyDepartment=true", Ct))!);
        Assert.Equal(HttpStatusCode.Forbidden, (await _third.TryStepAsync(id, "accept", new { })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _third.TryStepAsync(id, "return", new { reason = "x" })).Status);
        // The assisting department's steps touch its own part only: its return leaves the lead's dispatch standing.
        await _water.StepAsync(id, "return", new { reason = "无供水设施" });
        var incident = await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Id == id, Ct));
        Assert.Equal((IncidentState.Dispatched, Department), (incident.State, incident.DepartmentId));
        Assert.Empty((await _water.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents?assignedToMyDepartment=true", Ct))!);
        Assert.Equal(HttpStatusCode.Forbidden, (await _water.TryStepAsync(id, "accept", new { })).Status);
        var returned = Assert.Single(await _host.Events.AllAsync<IncidentReturned>(e => e.IncidentId == id));
        Assert.Equal((WaterDepartment, "assisting"), (returned.DepartmentId, returned.Role));
        // The lead still works as before.
        await _urban.StepAsync(id, "accept", new { });
    }

    [Fact]
    public async Task The_lead_s_return_withdraws_the_assisting_parts_of_that_dispatch()
    {
        var id = await RegisteredAsync();
        await _operator.StepAsync(id, "dispatch", new { departmentId = Department, assistingDepartmentIds = new[] { WaterDepartment } });
        await _urban.StepAsync(id, "return", new { reason = "非城管职责" });
        Assert.Equal(HttpStatusCode.Forbidden, (await _water.TryStepAsync(id, "accept", new { })).Status);
        await _operator.StepAsync(id, "redispatch", new { departmentId = WaterDepartment });
        var parts = (await _operator.GetFromJsonAsync<List<DispatchApi.PartView>>($"/api/grid/incidents/{id}/parts", Ct))!;
        Assert.Equal([(1, Department, "returned"), (1, WaterDepartment, "withdrawn"), (2, WaterDepartment, "dispatched")], parts.Select(p => (p.Round, p.DepartmentId, p.State)));
        // Now the lead, the water bureau takes the incident's own steps.
        Assert.Equal("accepted", (await _water.StepAsync(id, "accept", new { })).State);
    }

    [Theory]
    [InlineData(new[] { Department }, "assistingDepartmentIds[0]")]
    [InlineData(new[] { WaterDepartment, WaterDepartment }, "assistingDepartmentIds[1]")]
    [InlineData(new[] { "0193a5e0-0000-7000-8000-00000000dead" }, "assistingDepartmentIds[0]")]
    public async Task A_bad_assisting_list_is_refused_naming_the_entry(string[] assisting, string field)
    {
        var id = await RegisteredAsync();
        var (status, problem) = await _operator.TryStepAsync(id, "dispatch", new { departmentId = Department, assistingDepartmentIds = assisting });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await _host.QueryAsync(db => db.IncidentParts.CountAsync(Ct)));
    }
}
