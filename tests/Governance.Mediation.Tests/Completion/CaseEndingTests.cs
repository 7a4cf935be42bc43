using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Mediation;
using Governance.Mediation.Cases;
using Governance.Mediation.Levels;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Mediation.Tests.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Mediation.Tests.Cases.CaseTestKit;
using static Governance.Mediation.Tests.Completion.HandOverCompletion;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;

namespace Governance.Mediation.Tests.Completion;

public sealed class CaseEndingTests : IAsyncLifetime
{
    private MediationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await MediationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Mediator => _host.ClientAs("m-community", Community, "mediator");

    private async Task<JsonElement> ProblemAsync(Guid id, string step, object body, HttpStatusCode expected)
    {
        var response = await Mediator.PostAsJsonAsync($"/api/mediation/cases/{id}/{step}", body, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == expected, $"{step}: {(int)response.StatusCode} {problem}");
        return problem;
    }

    [Fact]
    public async Task A_handed_over_case_is_declined_with_a_reason_code_and_the_event_names_the_incident_but_not_the_note()
    {
        var (incident, handed) = await HandedOverCaseAsync(_host);
        Assert.True((await ProblemAsync(handed.Id, "decline", new { reason = "too_busy" }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.True((await ProblemAsync(handed.Id, "decline", new { reason = "other" }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("note", out _));

        var declined = await Mediator.StepAsync(handed.Id, "decline", new { reason = "before_court_or_arbitration", note = "张三已向法院起诉" });
        Assert.Equal("declined", declined.State);
        var e = await _host.Events.WaitForAsync<DisputeDeclined>(x => x.CaseId == handed.Id);
        Assert.Equal((incident, "before_court_or_arbitration", "grid", Grid1), (e.IncidentId, e.Reason, e.Level, e.OrgPath));
        Assert.DoesNotContain("张三", JsonSerializer.Serialize(e), StringComparison.Ordinal);
        var history = (await Mediator.GetFromJsonAsync<List<StepView>>($"/api/mediation/cases/{handed.Id}/history", Ct))!;
        Assert.Equal(("decline", "declined", "before_court_or_arbitration: 张三已向法院起诉"), (history[^1].Action, history[^1].ToState, history[^1].Note));

        // Ended: nothing further, and the level deadline no longer runs.
        await Mediator.RefusedAsync(handed.Id, "decline", new { reason = "party_refuses" }, "DeclineOnlyBeforeMediationStarts");
        await Mediator.RefusedAsync(handed.Id, "withdraw", new { reason = "no_longer_pursued" }, "WithdrawOnlyBeforeAnOutcome");
        _host.Clock.Advance(TimeSpan.FromDays(30));
        await using var scope = _host.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<LevelDeadlineWatch>().ScanAsync(Ct));
    }

    [Fact]
    public async Task A_case_in_mediation_is_not_declined_but_its_applicant_withdraws_it()
    {
        var c = await CaseSeed.CaseAsync(_host);
        var (body, mediator) = await CaseSeed.BodyAsync(_host, MediationLevel.Community, Community);
        await Mediator.StepAsync(c.Id, "assign", new { bodyId = body.Id, mediatorId = mediator.Id });
        await Mediator.RefusedAsync(c.Id, "decline", new { reason = "not_a_civil_dispute" }, "DeclineOnlyBeforeMediationStarts");

        var applicant = c.Parties.Single(p => p.Role == "applicant");
        var respondent = c.Parties.Single(p => p.Role == "respondent");
        var missing = await ProblemAsync(c.Id, "withdraw", new { reason = "settled_between_parties" }, HttpStatusCode.BadRequest);
        var notApplicant = await ProblemAsync(c.Id, "withdraw", new { reason = "settled_between_parties", partyId = respondent.Id }, HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("partyId", out _));
        Assert.True(notApplicant.GetProperty("errors").TryGetProperty("partyId", out _));

        var withdrawn = await Mediator.StepAsync(c.Id, "withdraw", new { reason = "settled_between_parties", partyId = applicant.Id });
        Assert.Equal("withdrawn", withdrawn.State);
        var e = await _host.Events.WaitForAsync<DisputeWithdrawn>(x => x.CaseId == c.Id);
        Assert.Equal(("settled_between_parties", "community", (Guid?)null), (e.Reason, e.Level, e.IncidentId));
        await Mediator.RefusedAsync(c.Id, "sessions", WorkClient.Session(), "SessionsOnlyWhileInMediation");

        // A mediator of another community, or a role without mediation.work, cannot end a case.
        var other = await CaseSeed.CaseAsync(_host);
        Assert.Equal(HttpStatusCode.NotFound, await _host.ClientAs("m-other", OtherCommunity, "mediator").StatusOfAsync(other.Id, "decline", new { reason = "party_refuses" }));
        Assert.Equal(HttpStatusCode.Forbidden, await _host.ClientAs("op-1", Community, "centre_operator").StatusOfAsync(other.Id, "decline", new { reason = "party_refuses" }));
        Assert.Equal(CaseState.Registered, (await _host.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == other.Id, Ct))).State);
    }
}
