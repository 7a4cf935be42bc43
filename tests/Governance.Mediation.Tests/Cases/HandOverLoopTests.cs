using System.Net.Http.Json;
using Governance.Contracts.Grid;
using Governance.Mediation.Cases;
using Governance.Mediation.Levels;
using Governance.Mediation.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Mediation.Tests.Cases.CaseTestKit;

namespace Governance.Mediation.Tests.Cases;

public sealed class HandOverLoopTests
{
    [Fact]
    public async Task A_handed_over_dispute_escalates_by_deadline_then_by_failure_to_the_street_and_no_further_than_the_county()
    {
        await using var host = await MediationHost.StartAsync();
        var incident = Guid.NewGuid();
        await PublishHandOverAsync(host, new DisputeHandedOver(incident, "20261123-000007", "632801001002001", MediationHost.Grid1, "dispute", DateTime.UtcNow), Guid.NewGuid());
        var dispute = Assert.Single(await WaitForCasesAsync(host, incident.ToString()));
        Assert.Equal((CaseSource.IncidentReferral, MediationLevel.Grid, MediationHost.Grid1, DisputeCategory.Other),
            (dispute.Source, dispute.Level, dispute.ResponsibleOrgPath, dispute.Category));
        Assert.Matches(@"^TJ\d{8}-\d{6}$", dispute.Number);

        // The grid's three days pass unsettled: the watch moves it to the community.
        await using (var scope = host.Services.CreateAsyncScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<LevelDeadlineWatch>().ScanAsync(Ct));
        host.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await using (var scope = host.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<LevelDeadlineWatch>().ScanAsync(Ct));

        using var communityMediator = host.ClientAs("m-community", MediationHost.Community, "mediator");
        var atCommunity = (await communityMediator.GetFromJsonAsync<CaseDetailView>($"/api/mediation/cases/{dispute.Id}", Ct))!.Case;
        Assert.Equal(("community", MediationHost.Community, "registered"), (atCommunity.Level, atCommunity.ResponsibleOrgPath, atCommunity.State));

        // The committee's mediation fails: up to the street.
        var atStreet = await PostAsync(communityMediator, $"/api/mediation/cases/{dispute.Id}/escalate", new { reason = "the parties refused the committee's proposal" });
        Assert.Equal(("street", MediationHost.Street), (atStreet.Level, atStreet.ResponsibleOrgPath));
        Assert.True(atStreet.LevelDueAt > host.Clock.GetUtcNow().UtcDateTime.AddDays(14));

        // The community has no say at the street any more.
        var refused = await communityMediator.PostAsJsonAsync($"/api/mediation/cases/{dispute.Id}/escalate", new { reason = "again" }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);

        using var streetMediator = host.ClientAs("m-street", MediationHost.Street, "mediator");
        var history = (await streetMediator.GetFromJsonAsync<List<StepView>>($"/api/mediation/cases/{dispute.Id}/history", Ct))!;
        Assert.Equal(["register", "escalate", "escalate"], history.Select(s => s.Action));
        Assert.Equal(("system", "grid", "community"), (history[1].Actor, history[1].FromLevel, history[1].ToLevel));
        Assert.Contains("deadline", history[1].Note);
        Assert.Equal(("m-community", "community", "street", "the parties refused the committee's proposal"),
            (history[2].Actor, history[2].FromLevel, history[2].ToLevel, history[2].Note));

        await PostAsync(streetMediator, $"/api/mediation/cases/{dispute.Id}/escalate", new { reason = "the joint centre could not settle it" });
        using var countyMediator = host.ClientAs("m-county", MediationHost.County, "mediator");
        await RefusedAsync(countyMediator, $"/api/mediation/cases/{dispute.Id}/escalate", new { reason = "nowhere" }, "CountyCaseCannotEscalate");

        var final = (await countyMediator.GetFromJsonAsync<List<StepView>>($"/api/mediation/cases/{dispute.Id}/history", Ct))!;
        Assert.Equal(["register", "escalate", "escalate", "escalate"], final.Select(s => s.Action));
    }

    [Fact]
    public async Task Duplicate_hand_overs_create_one_case()
    {
        await using var host = await MediationHost.StartAsync();
        var incident = Guid.NewGuid();
        var e = new DisputeHandedOver(incident, "20261123-000008", "632801001002001", MediationHost.Grid1, "dispute", DateTime.UtcNow);
        var messageId = Guid.NewGuid();
        // The same message delivered twice, and two further copies under new message ids, side by side.
        await Task.WhenAll(
            PublishHandOverAsync(host, e, messageId), PublishHandOverAsync(host, e, messageId),
            PublishHandOverAsync(host, e, Guid.NewGuid()), PublishHandOverAsync(host, e, Guid.NewGuid()));
        await WaitForCasesAsync(host, incident.ToString());
        await Task.Delay(1500, Ct);
        var cases = await host.QueryAsync(db => db.Cases.AsNoTracking().Where(c => c.SourceReference == incident.ToString()).ToListAsync(Ct));
        Assert.Single(cases);
        var steps = await host.QueryAsync(db => db.CaseSteps.AsNoTracking().CountAsync(s => s.CaseId == cases[0].Id, Ct));
        Assert.Equal(1, steps);
    }
}
