using System.Net;
using System.Net.Http.Json;
using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Mediation.Tests.Infrastructure;
using static Governance.Mediation.Tests.Cases.CaseTestKit;

namespace Governance.Mediation.Tests.Cases;

public sealed class ReferralTests
{
    [Fact]
    public async Task A_case_goes_to_judicial_mediation_and_back_with_its_history_intact()
    {
        await using var host = await MediationHost.StartAsync();
        var committee = await AddBodyAsync(host, "Community people's mediation committee", BodyKind.PeoplesCommittee, MediationLevel.Community, MediationHost.Community);
        var court = await AddBodyAsync(host, "County court liaison", BodyKind.Judicial, MediationLevel.County, MediationHost.County);
        using var window = host.ClientAs("w-1", MediationHost.Community, "centre_operator");
        var dispute = await RegisterAsync(window, Request(MediationHost.Community, risk: "major"));
        Assert.Equal(("community", MediationHost.Community), (dispute.Level, dispute.ResponsibleOrgPath));

        using var communityMediator = host.ClientAs("m-community", MediationHost.Community, "mediator");
        using var judge = host.ClientAs("j-county", MediationHost.County, "mediator");
        var cases = $"/api/mediation/cases/{dispute.Id}";
        await RefusedAsync(judge, $"{cases}/acknowledge", new { note = "too early" }, "AcknowledgeNeedsReferredCase");
        await RefusedAsync(communityMediator, $"{cases}/refer", new { toBodyId = committee.Id, reason = "same kind" }, "ReferralNeedsAnotherKindOfMediation");

        var referred = await PostAsync(communityMediator, $"{cases}/refer", new { toBodyId = court.Id, reason = "needs a judicial confirmation path" });
        Assert.Equal(("referred", court.Id), (referred.State, referred.ReferredToBodyId));
        await RefusedAsync(communityMediator, $"{cases}/escalate", new { reason = "while referred" }, "EscalationNeedsOpenCase");
        // Only the receiving body's people acknowledge.
        Assert.Equal(HttpStatusCode.Forbidden, (await communityMediator.PostAsJsonAsync($"{cases}/acknowledge", new { }, Ct)).StatusCode);
        var atCourt = await PostAsync(judge, $"{cases}/acknowledge", new { note = "accepted" });
        Assert.Equal(("in_mediation", court.Id, "county", MediationHost.County), (atCourt.State, atCourt.BodyId, atCourt.Level, atCourt.ResponsibleOrgPath));

        await RefusedAsync(judge, $"{cases}/refer", new { toBodyId = court.Id, reason = "again" }, "ReferralNeedsAnotherKindOfMediation");
        await PostAsync(judge, $"{cases}/refer", new { toBodyId = committee.Id, reason = "the parties agree to mediate locally" });
        var back = await PostAsync(communityMediator, $"{cases}/acknowledge", new { });
        Assert.Equal(("in_mediation", committee.Id, "community", MediationHost.Community), (back.State, back.BodyId, back.Level, back.ResponsibleOrgPath));

        var history = (await communityMediator.GetFromJsonAsync<List<StepView>>($"{cases}/history", Ct))!;
        Assert.Equal(["register", "refer", "acknowledge", "refer", "acknowledge"], history.Select(s => s.Action));
        Assert.Contains("judicial", history[1].Note);
        Assert.Equal(("j-county", "refer"), (history[3].Actor, history[3].Action));
        Assert.Equal(("m-community", "county", "community"), (history[4].Actor, history[4].FromLevel, history[4].ToLevel));
    }
}
