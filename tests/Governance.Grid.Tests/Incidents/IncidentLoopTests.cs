using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Grid;
using Governance.Grid.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Governance.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Incidents;

public sealed class IncidentLoopTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private HttpClient _worker = null!, _operator = null!, _handler = null!, _leader = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        _worker = _host.ClientAs("worker-1", Grid1, "grid_worker");
        _operator = _host.ClientAs("operator-1", Street, "centre_operator");
        _handler = _host.ClientAs("handler-1", "632801", "department_handler", Department);
        _leader = _host.ClientAs("leader-1", Grid1, "grid_leader");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_incident_goes_round_the_loop_with_a_failed_verification_and_a_re_dispatch()
    {
        var reported = await _worker.ReportAsync();
        Assert.Equal(("reported", "632801001002001", Grid1, Community), (reported.State, reported.GridCode, reported.OrgPath, reported.ResponsibleOrgPath));
        Assert.Matches(@"^\d{8}-000001$", reported.Number);
        Assert.Equal("register", reported.Step);

        var id = reported.Id;
        await _operator.StepAsync(id, "register", new { note = "属实" });
        var dispatched = await _operator.StepAsync(id, "dispatch", new { departmentId = Department });
        Assert.Equal(("dispatched", "accept"), (dispatched.State, dispatched.Step));
        await _handler.StepAsync(id, "accept", new { });
        await _handler.StepAsync(id, "feedback", new { note = "已补装井盖", attachments = new[] { new { name = "after.jpg", contentType = "image/jpeg", size = 2048, url = "https://files.example/after.jpg" } } });
        var failed = await _leader.StepAsync(id, "verify", new { passed = false, note = "井盖尺寸不符" });
        Assert.Equal(("registered", 1), (failed.State, failed.Reworks));

        await _operator.StepAsync(id, "dispatch", new { departmentId = Department, note = "返工" });
        await _handler.StepAsync(id, "accept", new { });
        await _handler.StepAsync(id, "feedback", new { note = "已更换合规井盖" });
        await _leader.StepAsync(id, "verify", new { passed = true });
        var closed = await _operator.StepAsync(id, "close", new { });
        Assert.Equal("closed", closed.State);
        Assert.Null(closed.Step);
        var evaluated = await _worker.StepAsync(id, "evaluate", new { satisfaction = 5 });
        Assert.Equal(("evaluated", 5), (evaluated.State, evaluated.Satisfaction));

        var timeline = (await _operator.GetFromJsonAsync<List<StepView>>($"/api/grid/incidents/{id}/timeline", Ct))!;
        Assert.Equal(["report", "register", "dispatch", "accept", "feedback", "verify-failed", "dispatch", "accept", "feedback", "verify", "close", "evaluate"],
            timeline.Select(s => s.Action));
        Assert.Equal("after.jpg", timeline[4].Attachments.Single().Name);
        Assert.Equal(["worker-1", "operator-1", "operator-1", "handler-1"], timeline.Take(4).Select(s => s.Actor));

        // Each step's event went out on the bus; the closing one says how the loop went.
        var closedEvent = Assert.Single(await _host.Events.AllAsync<IncidentClosed>(e => e.IncidentId == id));
        Assert.Equal((1, 0, true), (closedEvent.Reworks, closedEvent.Extensions, closedEvent.OnTime));
        var steps = await _host.Events.AllAsync<IncidentTransitioned>(e => e.IncidentId == id && e.Action == "evaluate");
        Assert.Single(steps);
    }

    [Theory]
    [InlineData("accept", null)]
    [InlineData("feedback", null)]
    [InlineData("dispatch", "DispatchNeedsRegisteredIncident")]
    [InlineData("verify", "VerifyNeedsHandledIncident")]
    [InlineData("close", "CloseNeedsVerifiedIncident")]
    [InlineData("evaluate", "EvaluateNeedsClosedIncident")]
    [InlineData("hand-over", "HandOverNeedsRegisteredIncident")]
    public async Task A_step_out_of_order_is_refused_naming_the_rule_and_changes_nothing(string step, string? rule)
    {
        var reported = await _worker.ReportAsync();
        var client = step is "accept" or "feedback" ? _handler : _operator;
        var (status, problem) = await client.TryStepAsync(reported.Id, step, new { passed = true, satisfaction = 4, note = "x", departmentId = Department });

        if (rule is null)
            Assert.Equal(HttpStatusCode.Forbidden, status); // not even dispatched to this department
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.Equal(rule, problem.GetProperty("rule").GetString());
            Assert.Contains("当前为 reported", problem.GetProperty("detail").GetString());
        }
        var stored = await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Id == reported.Id, Ct));
        Assert.Equal(IncidentState.Reported, stored.State);
    }

    [Fact]
    public async Task Registering_twice_is_refused_with_the_rule()
    {
        var reported = await _worker.ReportAsync();
        await _operator.StepAsync(reported.Id, "register", new { });
        var (status, problem) = await _operator.TryStepAsync(reported.Id, "register", new { });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("RegisterNeedsReportedIncident", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_ends_the_loop()
    {
        var reported = await _worker.ReportAsync();
        var (status, problem) = await _operator.TryStepAsync(reported.Id, "reject", new { });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        var rejected = await _operator.StepAsync(reported.Id, "reject", new { reason = "重复上报" });
        Assert.Equal(("rejected", null), (rejected.State, rejected.Step));
    }

    [Fact]
    public async Task Org_scope_a_sibling_community_and_another_department_cannot_touch_it()
    {
        var reported = await _worker.ReportAsync();
        var sibling = _host.ClientAs("operator-2", OtherCommunity, "centre_operator");
        Assert.Equal(HttpStatusCode.Forbidden, (await sibling.TryStepAsync(reported.Id, "register", new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await sibling.GetAsync($"/api/grid/incidents/{reported.Id}", Ct)).StatusCode);
        Assert.Empty((await sibling.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents", Ct))!);

        await _operator.StepAsync(reported.Id, "register", new { });
        await _operator.StepAsync(reported.Id, "dispatch", new { departmentId = Department });
        var otherDepartment = _host.ClientAs("handler-2", "632801", "department_handler", "dept-housing");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherDepartment.TryStepAsync(reported.Id, "accept", new { })).Status);
        var mine = await _handler.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents?assignedToMyDepartment=true", Ct);
        Assert.Equal([reported.Id], mine!.Select(i => i.Id));
        // A grid worker may report but not dispatch.
        Assert.Equal(HttpStatusCode.Forbidden, (await _worker.TryStepAsync(reported.Id, "close", new { })).Status);
    }

    [Fact]
    public async Task The_list_narrowed_to_an_org_holds_that_subtree_s_incidents_only_and_a_bad_org_is_refused_naming_it()
    {
        var reported = await _worker.ReportAsync();
        Assert.Contains(reported.Id, (await _operator.GetFromJsonAsync<List<IncidentView>>($"/api/grid/incidents?org={Community}", Ct))!.Select(i => i.Id));
        Assert.Empty((await _operator.GetFromJsonAsync<List<IncidentView>>($"/api/grid/incidents?org={OtherCommunity}", Ct))!);
        // Narrowing never widens: an org outside the caller's reach gives nothing.
        var sibling = _host.ClientAs("operator-3", OtherCommunity, "centre_operator");
        Assert.Empty((await sibling.GetFromJsonAsync<List<IncidentView>>($"/api/grid/incidents?org={Community}", Ct))!);
        var bad = await _operator.GetAsync("/api/grid/incidents?org=632801//x", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("org", out _));
    }

    [Fact]
    public async Task The_list_narrowed_to_a_source_holds_that_source_s_incidents_only_and_an_unknown_source_is_refused_naming_it()
    {
        var reported = await _worker.ReportAsync();
        Assert.Contains(reported.Id, (await _operator.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents?source=patrol", Ct))!.Select(i => i.Id));
        var fromVideo = (await _operator.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents?source=video_alert", Ct))!;
        Assert.DoesNotContain(reported.Id, fromVideo.Select(i => i.Id));
        Assert.All(fromVideo, i => Assert.Equal("video_alert", i.Source));
        var bad = await _operator.GetAsync("/api/grid/incidents?source=rumour", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("source", out _));
    }

    [Fact]
    public async Task A_report_outside_every_grid_or_in_an_unknown_category_is_refused_and_numbers_no_incident()
    {
        var outside = await _worker.PostAsJsonAsync("/api/grid/incidents", IncidentClient.Report(lat: 36.5, lng: 95.5), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("不在任何网格内", (await outside.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        var unknown = await _worker.PostAsJsonAsync("/api/grid/incidents", IncidentClient.Report(category: "ufo"), Ct);
        Assert.Contains("类别“ufo”不是平台的事件类别", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        var next = await _worker.ReportAsync();
        Assert.EndsWith("-000001", next.Number);
    }

    [Fact]
    public async Task A_near_identical_report_is_suggested_as_a_duplicate_and_merged()
    {
        var first = await _worker.ReportAsync();
        var response = await _worker.PostAsJsonAsync("/api/grid/incidents", IncidentClient.Report(lat: 36.4052, lng: 94.9051), Ct);
        var second = (await response.Content.ReadFromJsonAsync<IncidentsApi.ReportedView>(Ct))!;
        Assert.Equal([first.Id], second.PossibleDuplicates.Select(d => d.Id));

        var merged = await _operator.StepAsync(second.Incident.Id, "merge", new { into = first.Id });
        Assert.Equal(("merged", first.Id), (merged.State, merged.MergedInto));
        var timeline = await _operator.GetFromJsonAsync<List<StepView>>($"/api/grid/incidents/{first.Id}/timeline", Ct);
        Assert.Contains(timeline!, s => s.Action == "merge" && s.Note!.Contains(second.Incident.Number));
    }

    [Fact]
    public async Task Deadlines_warn_yellow_then_red_escalate_an_urgent_case_and_an_extension_moves_the_deadline()
    {
        var reported = await _worker.ReportAsync(IncidentClient.Report(urgency: "urgent"));
        await _operator.StepAsync(reported.Id, "register", new { });
        var dispatched = await _operator.StepAsync(reported.Id, "dispatch", new { departmentId = Department });
        var acceptWithin = dispatched.StepDueAt!.Value - _host.Clock.GetUtcNow().UtcDateTime;   // 15 min for urgent

        _host.Clock.Advance(acceptWithin * 0.85);
        Assert.Equal(1, await ScanAsync());
        Assert.Equal("yellow", (await GetAsync(reported.Id)).Warning);
        Assert.Equal(0, await ScanAsync()); // warned once

        _host.Clock.Advance(acceptWithin * 0.2);
        Assert.Equal(1, await ScanAsync());
        var overdue = await GetAsync(reported.Id);
        Assert.Equal(("red", Street), (overdue.Warning, overdue.ResponsibleOrgPath)); // rule: urgent accept overdue at a community → street

        await _handler.StepAsync(reported.Id, "accept", new { });
        var asked = await _handler.StepAsync(reported.Id, "extension", new { until = _host.Clock.GetUtcNow().UtcDateTime.AddDays(5), reason = "需采购材料" });
        Assert.NotNull(asked.ExtensionRequestedUntil);
        var (refused, problem) = await _handler.TryStepAsync(reported.Id, "extension/decision", new { approve = true });
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        var communityOperator = _host.ClientAs("operator-3", Community, "centre_operator");
        Assert.Equal(HttpStatusCode.Forbidden, (await communityOperator.TryStepAsync(reported.Id, "extension/decision", new { approve = true })).Status); // escalated: the street decides now
        var approved = await _operator.StepAsync(reported.Id, "extension/decision", new { approve = true, note = "同意" });
        Assert.Equal((1, "none"), (approved.Extensions, approved.Warning));
        Assert.True(approved.StepDueAt > _host.Clock.GetUtcNow().UtcDateTime.AddDays(4));

        var overdueEvents = await _host.Events.AllAsync<IncidentOverdue>(e => e.IncidentId == reported.Id);
        var escalations = await _host.QueryAsync(db => db.IncidentSteps.CountAsync(s => s.IncidentId == reported.Id && s.Action == "escalate", Ct));
        Assert.Equal(1, escalations);
        Assert.Equal("accept", Assert.Single(overdueEvents).Step); // red once, for the step that ran late
    }

    private async Task<int> ScanAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineWatch>().ScanAsync(Ct);
    }

    private Task<IncidentView> GetAsync(Guid id) => _operator.GetFromJsonAsync<IncidentView>($"/api/grid/incidents/{id}", Ct)!;
}
