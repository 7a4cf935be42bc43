using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Mediation;
using Governance.Mediation.Cases;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Mediation.Tests.Work;
using Governance.Mediation.Work;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Tests.Cases.CaseTestKit;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;

namespace Governance.Mediation.Tests.Completion;

public sealed class AgreementConfirmationTests : IAsyncLifetime
{
    private MediationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await MediationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Mediator => _host.ClientAs("m-community", Community, "mediator");
    private DateTime Now => _host.Clock.GetUtcNow().UtcDateTime;

    private async Task<DisputeCase> InMediationAsync(MediationLevel level = MediationLevel.Community, string org = Community)
    {
        var c = await CaseSeed.CaseAsync(_host, level, org);
        var (body, mediator) = await CaseSeed.BodyAsync(_host, level, org);
        await Mediator.StepAsync(c.Id, "assign", new { bodyId = body.Id, mediatorId = mediator.Id });
        await Mediator.StepAsync(c.Id, "sessions", WorkClient.Session());
        return c;
    }

    private object Agreement(params object[] confirmations) => new
    {
        kind = "agreement", terms = "李四负责修复漏水并赔偿张三损失。", performanceDeadline = DateOnly.FromDateTime(Now.AddDays(30)), confirmations,
    };

    [Fact]
    public async Task Each_partys_confirmation_is_recorded_with_how_and_when_before_the_agreement_binds()
    {
        var c = await InMediationAsync();
        var (applicant, respondent) = (c.Parties.Single(p => p.Role == "applicant").Id, c.Parties.Single(p => p.Role == "respondent").Id);
        _host.Clock.Advance(TimeSpan.FromHours(3));
        var signedAt = Now.AddHours(-2);
        var paper = new { partyId = applicant, method = "paper_signature", confirmedAt = signedAt };

        await Mediator.RefusedAsync(c.Id, "outcome", Agreement(paper), "AgreementNeedsEveryPartysConfirmation");
        foreach (var (bad, field) in new (object, string)[]
        {
            (new { partyId = respondent, method = "email", confirmedAt = Now }, "confirmations[1].method"),
            (new { partyId = respondent, method = "in_person", confirmedAt = Now.AddDays(1) }, "confirmations[1].confirmedAt"),
            (new { partyId = applicant, method = "in_person", confirmedAt = Now }, "confirmations[1].partyId"),
            (new { partyId = Guid.NewGuid(), method = "in_person", confirmedAt = Now }, "confirmations[1].partyId"),
        })
        {
            var response = await Mediator.PostAsJsonAsync($"/api/mediation/cases/{c.Id}/outcome", Agreement(paper, bad), Ct);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }
        Assert.Equal(CaseState.InMediation, (await _host.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == c.Id, Ct))).State);

        var settled = await Mediator.StepAsync(c.Id, "outcome", Agreement(paper, new { partyId = respondent, method = "in_person", confirmedAt = Now }));
        Assert.Equal("settled", settled.State);
        var agreement = (await Mediator.GetFromJsonAsync<AgreementView>($"/api/mediation/cases/{c.Id}/agreement", Ct))!;
        Assert.Equal([(applicant, "paper_signature", "m-community"), (respondent, "in_person", "m-community")],
            agreement.Confirmations.Select(x => (x.PartyId, x.Method, x.RecordedBy)));
        Assert.Equal(signedAt, agreement.Confirmations[0].ConfirmedAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task An_agreement_between_fewer_than_two_parties_does_not_bind()
    {
        // Seeded straight into mediation: the API lets no case with one party start it.
        var c = await CaseSeed.CaseAsync(_host, state: CaseState.InMediation);
        var respondent = c.Parties.Single(p => p.Role == "respondent");
        await _host.QueryAsync(db => db.Parties.Where(p => p.Id == respondent.Id).ExecuteDeleteAsync(Ct));
        await _host.SeedAsync(db => db.Add(new MediationSession
        {
            CaseId = c.Id, HeldAt = Now, Place = "社区调解室", Participants = "张三", Minutes = "单方到场", RecordedBy = "m-community", RecordedAt = Now,
        }));
        await Mediator.RefusedAsync(c.Id, "outcome", Agreement(new { partyId = c.Parties.Single(p => p.Role == "applicant").Id, method = "in_person", confirmedAt = Now }),
            "AgreementNeedsTwoParties");
    }

    [Fact]
    public async Task A_failure_below_the_county_escalates_and_the_next_level_settles_it()
    {
        var c = await InMediationAsync(MediationLevel.Community, Community);
        var failed = await Mediator.StepAsync(c.Id, "outcome", new { kind = "failed", referredTo = "litigation" });
        Assert.Equal(("registered", "street"), (failed.State, failed.Level));
        Assert.True((await _host.Events.WaitForAsync<DisputeMediationFailed>(e => e.CaseId == c.Id)).Escalated);

        using var street = _host.ClientAs("m-street", Street, "mediator");
        var (body, mediator) = await CaseSeed.BodyAsync(_host, MediationLevel.Street, Street);
        await street.StepAsync(c.Id, "assign", new { bodyId = body.Id, mediatorId = mediator.Id });
        await street.StepAsync(c.Id, "sessions", WorkClient.Session("街道调解中心"));
        var settled = await street.StepAsync(c.Id, "outcome", Agreement(c.Parties.Select(p => new { partyId = p.Id, method = "in_person", confirmedAt = Now }).ToArray<object>()));
        Assert.Equal(("settled", "street"), (settled.State, settled.Level));
    }
}
