using System.Net.Http.Json;
using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Grid.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Governance.Grid.Tests.Open311;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Incidents.HandOver;

/// <summary>
/// Mediation's outcome comes back to the incident a dispute was handed over from: its timeline shows
/// each fact, it closes when mediation ends, and Open311 says so without personal data. The events are
/// published on the host's own bus here, in whatever order a test needs; the two services together on
/// RabbitMQ are proven in the end-to-end tests.
/// </summary>
public sealed class MediationOutcomeTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private HttpClient _app = null!, _operator = null!;
    private string _key = "";

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync(Open311Calls.Unthrottled);
        _key = await _host.CreateKeyAsync();
        _app = _host.Anonymous();
        _operator = _host.ClientAs("operator-1", Street, "centre_operator");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DateTime Now => _host.Clock.GetUtcNow().UtcDateTime;

    /// <summary>A citizen's dispute through Open311, registered and handed over: its request id and incident.</summary>
    private async Task<(string RequestId, Incident Incident)> HandedOverAsync()
    {
        var answer = await _app.PostAsync("json", Open311Calls.Report(_key, service: "dispute"));
        var requestId = answer.Single["service_request_id"]!;
        var incident = await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Number == requestId, Ct));
        await _operator.StepAsync(incident.Id, "register", new { });
        Assert.Equal("handedover", (await _operator.StepAsync(incident.Id, "hand-over", new { note = "移交调解" })).State);
        return (requestId, incident);
    }

    private Task PublishAsync(object e, Guid? messageId = null) =>
        _host.Services.GetRequiredService<IBus>().Publish(e, e.GetType(), ctx => ctx.MessageId = messageId ?? Guid.NewGuid(), Ct);

    private Task<List<IncidentStep>> TimelineAsync(Guid id) =>
        _host.QueryAsync(db => db.IncidentSteps.AsNoTracking().Where(s => s.IncidentId == id).OrderBy(s => s.Id).ToListAsync(Ct));

    private async Task UntilAsync(Guid id, Func<List<IncidentStep>, bool> holds) =>
        Assert.True(await Eventually.HoldsAsync(async () => holds(await TimelineAsync(id)), Ct), string.Join("\n", (await TimelineAsync(id)).Select(s => s.Action)));

    private async Task<(string? Status, string? Notes)> StatusAsync(string requestId)
    {
        var request = (await _app.GetAnswerAsync($"requests/{requestId}.json", "json")).Single;
        return (request["status"], request["status_notes"]);
    }

    [Fact]
    public async Task A_handed_over_dispute_stays_open_until_the_follow_up_closes_it_whatever_order_the_facts_arrive_in()
    {
        var (requestId, incident) = await HandedOverAsync();
        Assert.Equal(("open", "Handed over to people's mediation; this request stays open until mediation ends."), await StatusAsync(requestId));
        var caseId = Guid.NewGuid();
        const string number = "TJ20261129-000007";

        // The follow-up overtakes the settlement it follows; the registration comes last of all.
        await PublishAsync(new DisputeFollowUpDone(caseId, number, 5, Grid1, Now.AddDays(20), incident.Id));
        await UntilAsync(incident.Id, t => t.Any(s => s.Action == "close"));
        await PublishAsync(new DisputeSettled(caseId, number, "street", false, 3000m, Grid1, Now.AddDays(10), incident.Id));
        await PublishAsync(new DisputeEscalated(caseId, number, "grid", "street", "张三不同意", Grid1, Now.AddDays(4), incident.Id));
        await PublishAsync(new DisputeRegistered(caseId, number, "incident_referral", "other", "ordinary", "grid", Grid1, incident.Id.ToString(), Now));
        await UntilAsync(incident.Id, t => new[] { "mediation-settled", "mediation-escalated", "mediation-registered" }.All(a => t.Any(s => s.Action == a)));

        var closed = await _host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Ct));
        Assert.Equal(IncidentState.Closed, closed.State);
        Assert.NotNull(closed.ClosedAt);
        var timeline = await TimelineAsync(incident.Id);
        var close = timeline.Single(s => s.Action == "close");
        Assert.Equal(("mediation", "handedover", "closed"), (close.Actor, close.FromState, close.ToState));
        // Nothing after the close reopens it, and the escalation's reason (someone's words) stays in mediation.
        Assert.All(timeline.SkipWhile(s => s.Action != "close").Skip(1), s => Assert.Equal(("closed", "closed"), (s.FromState, s.ToState)));
        Assert.DoesNotContain(timeline, s => s.Note?.Contains("张三") == true);
        var closedEvent = await _host.Events.WaitForAsync<IncidentClosed>(e => e.IncidentId == incident.Id);
        Assert.Null(closedEvent.DepartmentId);

        var (status, notes) = await StatusAsync(requestId);
        Assert.Equal(("closed", "Settled by people's mediation: the parties confirmed an agreement, and the case was closed after a follow-up visit."), (status, notes));
        Assert.Contains(requestId, (await _app.GetAnswerAsync("requests.json?status=closed&service_code=dispute", "json")).Items.Select(i => i["service_request_id"]));
        // The reporter may now evaluate the closed incident, as any other.
        Assert.Equal("evaluated", (await _operator.StepAsync(incident.Id, "evaluate", new { satisfaction = 4 })).State);
    }

    [Fact]
    public async Task A_failure_that_escalates_keeps_it_open_a_county_failure_a_withdrawal_or_a_decline_closes_it()
    {
        var (failedRequest, escalating) = await HandedOverAsync();
        await PublishAsync(new DisputeMediationFailed(Guid.NewGuid(), "TJ20261129-000001", "grid", "litigation", Grid1, Now, escalating.Id, Escalated: true));
        await UntilAsync(escalating.Id, t => t.Any(s => s.Action == "mediation-failed"));
        Assert.Equal("open", (await StatusAsync(failedRequest)).Status);
        await PublishAsync(new DisputeMediationFailed(Guid.NewGuid(), "TJ20261129-000001", "county", "litigation", Grid1, Now.AddDays(30), escalating.Id));
        await UntilAsync(escalating.Id, t => t.Any(s => s.Action == "close"));
        Assert.Equal(("closed", "Mediation did not settle the dispute; the parties were referred to a court."), await StatusAsync(failedRequest));

        var (withdrawnRequest, withdrawn) = await HandedOverAsync();
        await PublishAsync(new DisputeWithdrawn(Guid.NewGuid(), "TJ20261129-000002", "grid", "settled_between_parties", Grid1, Now, withdrawn.Id));
        await UntilAsync(withdrawn.Id, t => t.Any(s => s.Action == "close"));
        Assert.Equal(("closed", "The applicant withdrew the dispute from mediation."), await StatusAsync(withdrawnRequest));

        var (declinedRequest, declined) = await HandedOverAsync();
        await PublishAsync(new DisputeDeclined(Guid.NewGuid(), "TJ20261129-000003", "grid", "not_a_civil_dispute", Grid1, Now, declined.Id));
        await UntilAsync(declined.Id, t => t.Any(s => s.Action == "close"));
        Assert.Equal(("closed", "The mediation committee declined the case: it is not a civil dispute."), await StatusAsync(declinedRequest));
        Assert.Equal(3, await _host.QueryAsync(db => db.Incidents.CountAsync(i => i.State == IncidentState.Closed, Ct)));
    }

    [Fact]
    public async Task A_fact_told_twice_is_taken_once_and_one_about_no_incident_of_ours_changes_nothing()
    {
        var (_, incident) = await HandedOverAsync();
        var (_, sentinel) = await HandedOverAsync();
        var withdrawn = new DisputeWithdrawn(Guid.NewGuid(), "TJ20261129-000004", "grid", "no_longer_pursued", Grid1, Now, incident.Id);
        var messageId = Guid.NewGuid();
        await PublishAsync(withdrawn, messageId);
        await UntilAsync(incident.Id, t => t.Any(s => s.Action == "close"));
        // The same message again, the same fact under a new message id, and a stranger's case; then a sentinel behind them on the same queue.
        await PublishAsync(withdrawn, messageId);
        await PublishAsync(withdrawn);
        await PublishAsync(withdrawn with { IncidentId = Guid.NewGuid() });
        await PublishAsync(withdrawn with { CaseId = Guid.NewGuid(), IncidentId = null });
        await PublishAsync(withdrawn with { IncidentId = sentinel.Id });
        await UntilAsync(sentinel.Id, t => t.Any(s => s.Action == "close"));

        var timeline = await TimelineAsync(incident.Id);
        Assert.Single(timeline, s => s.Action == "mediation-withdrawn");
        Assert.Single(timeline, s => s.Action == "close");
        Assert.Equal(2, await _host.QueryAsync(db => db.Incidents.CountAsync(i => i.State == IncidentState.Closed, Ct)));
    }

    [Fact]
    public async Task The_grid_takes_no_steps_of_its_own_on_a_dispute_in_mediation_but_a_new_report_of_it_merges_into_it()
    {
        var (_, incident) = await HandedOverAsync();
        var escalate = await _operator.TryStepAsync(incident.Id, "escalate", new { reason = "催办" });
        Assert.Equal("EscalateOnlyOpenIncident", escalate.Problem.GetProperty("rule").GetString());

        // Another neighbour reports the same dispute; merged, they follow mediation's outcome too.
        var again = (await _app.PostAsync("json", Open311Calls.Report(_key, service: "dispute"))).Single["service_request_id"]!;
        var duplicate = await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Number == again, Ct));
        await _operator.StepAsync(duplicate.Id, "register", new { });
        Assert.Equal("merged", (await _operator.StepAsync(duplicate.Id, "merge", new { into = incident.Id })).State);
        var merge = await _operator.TryStepAsync(incident.Id, "merge", new { into = duplicate.Id });
        Assert.Equal("MergeOnlyOpenIncidents", merge.Problem.GetProperty("rule").GetString());
        Assert.Equal(("open", $"merged into {incident.Number}"), await StatusAsync(again));
    }
}
