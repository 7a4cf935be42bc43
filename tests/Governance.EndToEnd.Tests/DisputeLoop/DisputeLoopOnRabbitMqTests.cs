using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Mediation.Cases;
using Governance.Mediation.Levels;
using Microsoft.Extensions.DependencyInjection;
using static Governance.EndToEnd.Tests.DisputeLoop.DisputeLoopHosts;

namespace Governance.EndToEnd.Tests.DisputeLoop;

/// <summary>
/// The dispute loop both ways, grid and mediation each on its own database, joined only by RabbitMQ:
/// a citizen's dispute is handed over, the case is completed and escalates to the street, is settled
/// there with every party's confirmation, the follow-up closes it, and the grid incident (and the
/// citizen's Open311 request) closes only then.
/// </summary>
[Collection(DisputeLoopCollection.Name)]
public sealed class DisputeLoopOnRabbitMqTests : IAsyncLifetime
{
    private DisputeLoopHosts _hosts = null!;

    public async ValueTask InitializeAsync() => _hosts = await DisputeLoopHosts.StartAsync();

    public async ValueTask DisposeAsync() => await _hosts.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Hand_over_escalation_to_the_street_settlement_there_and_the_follow_up_close_the_grid_incident()
    {
        var grid = _hosts.Grid;
        var mediation = _hosts.Mediation;
        var key = await _hosts.Open311KeyAsync();
        using var app = new HttpClient { BaseAddress = grid.Http };
        using var centre = grid.ClientAs("operator-1", Street, "centre_operator");

        // A neighbour reports a dispute through a citizens' app; the centre registers it and hands it over.
        var posted = await app.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "dispute", ["lat"] = "36.405", ["long"] = "94.905", ["description"] = "楼上漏水，协商不成", ["phone"] = "13800000000",
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var requestId = (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct))[0].GetProperty("service_request_id").GetString()!;
        var incidentId = (await centre.GetFromJsonAsync<JsonElement>("/api/grid/incidents", Ct)).EnumerateArray()
            .Single(i => i.GetProperty("number").GetString() == requestId).GetProperty("id").GetGuid();
        await PostAsync(centre, $"/api/grid/incidents/{incidentId}/register", new { });
        await PostAsync(centre, $"/api/grid/incidents/{incidentId}/hand-over", new { note = "移交人民调解" });

        async Task<JsonElement> Request() => (await app.GetFromJsonAsync<JsonElement>($"/open311/v2/requests/{requestId}.json", Ct))[0];
        async Task<List<string>> Timeline() => [.. (await centre.GetFromJsonAsync<JsonElement>($"/api/grid/incidents/{incidentId}/timeline", Ct))
            .EnumerateArray().Select(s => s.GetProperty("action").GetString()!)];
        Assert.Equal("open", (await Request()).GetProperty("status").GetString());

        // Across the broker: mediation opens the case, and grid learns its number.
        var dispute = await UntilAsync(() => mediation.QueryAsync(db => Task.FromResult(db.Cases.FirstOrDefault(c => c.SourceReference == incidentId.ToString()))),
            c => c is not null, "the case from the hand-over");
        await UntilAsync(Timeline, t => t.Contains("mediation-registered"), "grid's timeline shows the case");
        var caseId = dispute!.Id;

        // The grid's mediator completes the placeholder case; the grid's three days pass unsettled.
        using var gridMediator = mediation.ClientAs("m-grid", Grid1, "mediator");
        await PostAsync(gridMediator, $"/api/mediation/cases/{caseId}/parties", new { kind = "person", role = "applicant", name = "张三", contact = "13900139000" }, HttpStatusCode.Created);
        await PostAsync(gridMediator, $"/api/mediation/cases/{caseId}/parties", new { kind = "person", role = "respondent", name = "李四" }, HttpStatusCode.Created);
        var patched = await gridMediator.PatchAsJsonAsync($"/api/mediation/cases/{caseId}", new { name = "楼上漏水纠纷", category = "neighbour", peopleInvolved = 2 }, Ct);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        mediation.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await using (var scope = mediation.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<LevelDeadlineWatch>().ScanAsync(Ct));

        // The community committee mediates and fails: the case goes up to the street. The incident stays open.
        using var community = mediation.ClientAs("m-community", Community, "mediator");
        var (communityBody, communityMediator) = await _hosts.BodyAsync(MediationLevel.Community, Community, "金峰社区人民调解委员会");
        await PostAsync(community, $"/api/mediation/cases/{caseId}/assign", new { bodyId = communityBody, mediatorId = communityMediator });
        await PostAsync(community, $"/api/mediation/cases/{caseId}/sessions", Session("社区调解室"), HttpStatusCode.Created);
        var failed = await PostAsync(community, $"/api/mediation/cases/{caseId}/outcome", new { kind = "failed", referredTo = "litigation" });
        Assert.Equal(("registered", "street"), (failed.GetProperty("state").GetString(), failed.GetProperty("level").GetString()));
        await UntilAsync(Timeline, t => t.Count(a => a == "mediation-escalated") == 2 && t.Contains("mediation-failed"), "grid sees both escalations and the failure");
        Assert.Equal("open", (await Request()).GetProperty("status").GetString());

        // The street's joint centre settles it; every party confirms; the follow-up closes the case.
        using var street = mediation.ClientAs("m-street", Street, "mediator");
        var (streetBody, streetMediator) = await _hosts.BodyAsync(MediationLevel.Street, Street, "昆仑路街道矛盾纠纷调处中心");
        await PostAsync(street, $"/api/mediation/cases/{caseId}/assign", new { bodyId = streetBody, mediatorId = streetMediator });
        await PostAsync(street, $"/api/mediation/cases/{caseId}/sessions", Session("街道调处中心"), HttpStatusCode.Created);
        var parties = (await street.GetFromJsonAsync<CaseDetailView>($"/api/mediation/cases/{caseId}", Ct))!.Parties;
        var now = mediation.Clock.GetUtcNow().UtcDateTime;
        var settled = await PostAsync(street, $"/api/mediation/cases/{caseId}/outcome", new
        {
            kind = "agreement", terms = "李四修复漏水并赔偿张三维修费。", performanceDeadline = DateOnly.FromDateTime(now.AddDays(15)),
            amounts = new[] { new { description = "维修费", amount = 3000m } },
            confirmations = parties.Select(p => new { partyId = p.Id, method = p.Role == "applicant" ? "paper_signature" : "in_person", confirmedAt = now }),
        });
        Assert.Equal(("settled", "street"), (settled.GetProperty("state").GetString(), settled.GetProperty("level").GetString()));
        await UntilAsync(Timeline, t => t.Contains("mediation-settled"), "grid sees the settlement");
        Assert.Equal("open", (await Request()).GetProperty("status").GetString());

        await PostAsync(street, $"/api/mediation/cases/{caseId}/follow-ups", new { satisfaction = 5, comment = "已履行" });
        var timeline = await UntilAsync(Timeline, t => t.Contains("close"), "the grid incident closes");
        Assert.Equal(["report", "register", "hand-over", "mediation-registered", "mediation-escalated"], timeline[..5]);
        // The failure and the escalation it caused were one commit, published to two queues: either may come first.
        Assert.Equal(["mediation-escalated", "mediation-failed"], timeline[5..7].Order());
        Assert.Equal(["mediation-settled", "mediation-follow-up", "close"], timeline[7..]);
        var closed = await Request();
        Assert.Equal(("closed", "closed", "Settled by people's mediation: the parties confirmed an agreement, and the case was closed after a follow-up visit."),
            (closed.GetProperty("status").GetString(), closed.GetProperty("status_description").GetString(), closed.GetProperty("status_notes").GetString()));
        var everything = await app.GetStringAsync($"/open311/v2/requests/{requestId}.json", Ct)
            + await centre.GetStringAsync($"/api/grid/incidents/{incidentId}/timeline", Ct);
        Assert.DoesNotContain("张三", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("13900139000", everything, StringComparison.Ordinal);
    }

    private static object Session(string place) => new { heldAt = DateTime.UtcNow, place, participants = new[] { "张三", "李四" }, minutes = "双方陈述" };
}
