using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Mediation;
using Governance.Mediation.Cases;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Mediation.Work;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;

namespace Governance.Mediation.Tests.Work;

public sealed class CaseWorkTests : IAsyncLifetime
{
    private MediationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await MediationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Mediator => _host.ClientAs("mediator-1", Community, "mediator");

    private async Task<DisputeCase> AssignedCaseAsync(MediationLevel level = MediationLevel.Community, string org = Community, HttpClient? mediatorClient = null)
    {
        var c = await CaseSeed.CaseAsync(_host, level, org);
        var (body, mediator) = await CaseSeed.BodyAsync(_host, level, org);
        await (mediatorClient ?? Mediator).StepAsync(c.Id, "assign", new { bodyId = body.Id, mediatorId = mediator.Id });
        return c;
    }

    private object Agreement(DisputeCase c, bool partial = false) => new
    {
        kind = partial ? "partial" : "agreement", terms = "李四负责修复漏水并赔偿张三损失。",
        amounts = new[] { new { description = "维修费", amount = 1200m }, new { description = "赔偿金", amount = 800m } },
        performanceDeadline = DateOnly.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime.AddDays(30)),
        confirmations = c.Parties.Select(p => new { partyId = p.Id, method = "paper_signature", confirmedAt = _host.Clock.GetUtcNow().UtcDateTime }),
    };

    /// <summary>The case's published events of one type, as JSON, once at least one is on the bus.</summary>
    private Task<List<string>> EventsAsync(Guid caseId, string type) => type switch
    {
        nameof(DisputeSettled) => Published<DisputeSettled>(e => e.CaseId == caseId),
        nameof(DisputeMediationFailed) => Published<DisputeMediationFailed>(e => e.CaseId == caseId),
        nameof(DisputeEscalated) => Published<DisputeEscalated>(e => e.CaseId == caseId),
        _ => Published<DisputeFollowUpDone>(e => e.CaseId == caseId),
    };

    private async Task<List<string>> Published<T>(Func<T, bool> match) where T : class =>
        [.. (await _host.Events.AllAsync(match)).Select(e => JsonSerializer.Serialize(e, JsonSerializerOptions.Web))];

    [Fact]
    public async Task A_case_is_assigned_mediated_settled_tracked_confirmed_followed_up_and_closed()
    {
        var c = await AssignedCaseAsync();
        await Mediator.StepAsync(c.Id, "sessions", WorkClient.Session());
        await Mediator.StepAsync(c.Id, "sessions", new { heldAt = DateTime.UtcNow, remoteLink = "https://meet.example.cn/r/42", participants = new[] { "张三", "李四" }, minutes = "线上确认方案" });
        var settled = await Mediator.StepAsync(c.Id, "outcome", Agreement(c));
        Assert.Equal(("settled", "community"), (settled.State, settled.Level));
        var settledEvent = Assert.Single(await EventsAsync(c.Id, nameof(DisputeSettled)));
        Assert.Contains("2000", settledEvent);
        Assert.DoesNotContain("张三", settledEvent);

        await Mediator.StepAsync(c.Id, "performance", new { status = "partly", on = DateOnly.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime), note = "已付维修费" });
        await Mediator.StepAsync(c.Id, "judicial-confirmation", new { court = "某县人民法院" });
        await Mediator.RefusedAsync(c.Id, "judicial-confirmation", new { court = "某县人民法院" }, "JudicialConfirmationRequestedOnce");
        var closed = await Mediator.StepAsync(c.Id, "follow-ups", new { satisfaction = 5, comment = "满意" });
        Assert.Equal("closed", closed.State);

        var history = await _host.QueryAsync(db => db.CaseSteps.Where(s => s.CaseId == c.Id).OrderBy(s => s.Id).Select(s => s.Action + ":" + s.ToState).ToListAsync(Ct));
        Assert.Equal(["assign:in_mediation", "session:in_mediation", "session:in_mediation", "settled:settled", "performance:settled",
            "judicial_confirmation_requested:settled", "follow_up:closed"], history);
        Assert.Contains("\"satisfaction\":5", Assert.Single(await EventsAsync(c.Id, nameof(DisputeFollowUpDone))), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5, await _host.QueryAsync(db => db.Set<FollowUp>().Where(f => f.CaseId == c.Id).Select(f => f.Satisfaction).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_failed_mediation_below_the_county_goes_up_a_level_in_the_same_commit()
    {
        var c = await AssignedCaseAsync();
        await Mediator.StepAsync(c.Id, "sessions", WorkClient.Session());
        var failed = await Mediator.StepAsync(c.Id, "outcome", new { kind = "failed", referredTo = "litigation", note = "被申请人拒绝赔偿" });

        Assert.Equal("registered", failed.State);
        var stored = await _host.QueryAsync(db => db.Cases.SingleAsync(x => x.Id == c.Id, Ct));
        Assert.Equal((MediationLevel.Street, Street), (stored.Level, stored.ResponsibleOrgPath));
        Assert.Contains("litigation", Assert.Single(await EventsAsync(c.Id, nameof(DisputeMediationFailed))));
        Assert.Contains("mediation failed at the community level", Assert.Single(await EventsAsync(c.Id, nameof(DisputeEscalated))));
        // Each event that places a case at a level carries that level's deadline (assessment counts overdue cases by it).
        var escalated = Assert.Single(await _host.Events.AllAsync<DisputeEscalated>(e => e.CaseId == c.Id));
        Assert.NotNull(stored.LevelDueAt);
        Assert.NotNull(escalated.LevelDueAt);
        // PostgreSQL keeps microseconds; the event carries the tick-precise value the case was saved with.
        Assert.Equal(stored.LevelDueAt.Value, escalated.LevelDueAt.Value, TimeSpan.FromTicks(10));
    }

    [Fact]
    public async Task A_failed_mediation_at_the_county_points_the_parties_onward_and_is_followed_up()
    {
        var county = _host.ClientAs("mediator-9", County, "mediator");
        var c = await AssignedCaseAsync(MediationLevel.County, County, county);
        await county.StepAsync(c.Id, "sessions", WorkClient.Session());
        var failed = await county.StepAsync(c.Id, "outcome", new { kind = "failed", referredTo = "litigation", note = "被申请人拒绝赔偿" });
        Assert.Equal("failed", failed.State);
        Assert.Contains("litigation", Assert.Single(await EventsAsync(c.Id, nameof(DisputeMediationFailed))));
        await county.RefusedAsync(c.Id, "performance", new { status = "not", on = DateOnly.FromDateTime(DateTime.UtcNow) }, "PerformanceTrackedOnlyForAnAgreement");
        await county.RefusedAsync(c.Id, "judicial-confirmation", new { court = "某县人民法院" }, "JudicialConfirmationNeedsAnAgreement");
        var pdf = await county.GetAsync($"/api/mediation/cases/{c.Id}/agreement.pdf", Ct);
        Assert.Equal(HttpStatusCode.Conflict, pdf.StatusCode);
        Assert.Equal("closed", (await county.StepAsync(c.Id, "follow-ups", new { satisfaction = 2 })).State);
    }

    [Fact]
    public async Task A_partial_agreement_leaves_the_case_partially_settled()
    {
        var c = await AssignedCaseAsync();
        await Mediator.StepAsync(c.Id, "sessions", WorkClient.Session());
        Assert.Equal("partially_settled", (await Mediator.StepAsync(c.Id, "outcome", Agreement(c, partial: true))).State);
        Assert.Contains("\"partial\":true", Assert.Single(await EventsAsync(c.Id, nameof(DisputeSettled))), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_step_out_of_order_is_refused_by_its_rule_and_leaves_no_trace()
    {
        var c = await CaseSeed.CaseAsync(_host);
        await Mediator.RefusedAsync(c.Id, "sessions", WorkClient.Session(), "SessionsOnlyWhileInMediation");
        await Mediator.RefusedAsync(c.Id, "outcome", Agreement(c), "OutcomeOnlyWhileInMediation");
        await Mediator.RefusedAsync(c.Id, "follow-ups", new { satisfaction = 4 }, "FollowUpOnlyAfterAnOutcome");
        await Mediator.RefusedAsync(c.Id, "judicial-confirmation", new { court = "某县人民法院" }, "JudicialConfirmationNeedsAnAgreement");
        var (streetBody, streetMediator) = await CaseSeed.BodyAsync(_host, MediationLevel.Street, Street);
        await Mediator.RefusedAsync(c.Id, "assign", new { bodyId = streetBody.Id, mediatorId = streetMediator.Id }, "BodyMustServeTheCasesLevelAndOrg");
        var (body, mediator) = await CaseSeed.BodyAsync(_host, MediationLevel.Community, Community);
        await Mediator.RefusedAsync(c.Id, "assign", new { bodyId = body.Id, mediatorId = streetMediator.Id }, "MediatorMustBeActiveInTheBody");
        Assert.Equal(0, await _host.QueryAsync(db => db.CaseSteps.CountAsync(s => s.CaseId == c.Id, Ct)));

        await Mediator.StepAsync(c.Id, "assign", new { bodyId = body.Id, mediatorId = mediator.Id });
        await Mediator.RefusedAsync(c.Id, "assign", new { bodyId = body.Id, mediatorId = mediator.Id }, "OnlyARegisteredCaseIsAssigned");
        await Mediator.RefusedAsync(c.Id, "outcome", Agreement(c), "OutcomeNeedsASessionFirst");
        await Mediator.StepAsync(c.Id, "sessions", WorkClient.Session());
        await Mediator.RefusedAsync(c.Id, "outcome", new
        {
            kind = "agreement", terms = "赔偿", performanceDeadline = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(5)),
            confirmations = new[] { new { partyId = c.Parties[0].Id, method = "in_person", confirmedAt = _host.Clock.GetUtcNow().UtcDateTime } },
        }, "AgreementNeedsEveryPartysConfirmation");
        Assert.Equal(HttpStatusCode.BadRequest, await Mediator.StatusOfAsync(c.Id, "outcome", new { kind = "failed", referredTo = "prayer" }));
        Assert.Equal(HttpStatusCode.BadRequest, await Mediator.StatusOfAsync(c.Id, "sessions", new { heldAt = DateTime.UtcNow, participants = new[] { "张三" }, minutes = "x" }));
        await Mediator.StepAsync(c.Id, "outcome", Agreement(c));
        Assert.Equal(HttpStatusCode.BadRequest, await Mediator.StatusOfAsync(c.Id, "follow-ups", new { satisfaction = 6 }));
        await Mediator.StepAsync(c.Id, "follow-ups", new { satisfaction = 3 });
        await Mediator.RefusedAsync(c.Id, "follow-ups", new { satisfaction = 3 }, "FollowUpOnlyAfterAnOutcome");
        await Mediator.RefusedAsync(c.Id, "sessions", WorkClient.Session(), "SessionsOnlyWhileInMediation");
        // The case's last event: the dispatcher keeps a case's events in order, so every earlier one is on the bus by now.
        Assert.Single(await EventsAsync(c.Id, nameof(DisputeFollowUpDone)));
        Assert.Single(await EventsAsync(c.Id, nameof(DisputeSettled)));
        Assert.Empty(_host.Events.Seen<DisputeMediationFailed>(e => e.CaseId == c.Id));
    }

    [Fact]
    public async Task Judicial_confirmation_is_refused_after_30_days()
    {
        var c = await AssignedCaseAsync();
        await Mediator.StepAsync(c.Id, "sessions", WorkClient.Session());
        await Mediator.StepAsync(c.Id, "outcome", Agreement(c));
        _host.Clock.Advance(TimeSpan.FromDays(31));
        await Mediator.RefusedAsync(c.Id, "judicial-confirmation", new { court = "某县人民法院" }, "JudicialConfirmationWithin30Days");
    }

    [Fact]
    public async Task Work_needs_the_work_permission_inside_the_cases_org()
    {
        var c = await CaseSeed.CaseAsync(_host);
        var (body, mediator) = await CaseSeed.BodyAsync(_host, MediationLevel.Community, Community);
        var assign = new { bodyId = body.Id, mediatorId = mediator.Id };
        Assert.Equal(HttpStatusCode.NotFound, await _host.ClientAs("m-2", OtherCommunity, "mediator").StatusOfAsync(c.Id, "assign", assign));
        Assert.Equal(HttpStatusCode.Forbidden, await _host.ClientAs("op-1", Street, "centre_operator").StatusOfAsync(c.Id, "assign", assign));
        Assert.Equal("in_mediation", (await _host.ClientAs("m-3", Street, "mediator").StepAsync(c.Id, "assign", assign)).State);
    }

    [Fact]
    public async Task The_agreement_PDF_is_a_real_PDF_with_the_CJK_font_embedded()
    {
        var c = await AssignedCaseAsync();
        await Mediator.StepAsync(c.Id, "sessions", WorkClient.Session());
        await Mediator.StepAsync(c.Id, "outcome", Agreement(c));
        var response = await Mediator.GetAsync($"/api/mediation/cases/{c.Id}/agreement.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        AgreementPdfCheck.AssertAgreement(bytes, c.Number);
    }
}
