using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Care;

/// <summary>
/// A care case is sealed: its content answers its assigned worker only, and everyone else (admin, auditor,
/// investigator, another worker, the leader who assigned it) is answered as if it did not exist.
/// </summary>
public sealed class CareCaseAccessTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IEnumerable<(string Who, HttpClient Client)> Outsiders() =>
    [
        ("admin", _host.ClientAs("admin-1", County, "admin")),
        ("auditor", _host.Auditor()),
        ("investigator", _host.Investigator()),
        ("centre operator", _host.ClientAs("op-1", Community, "centre_operator")),
        ("another worker", _host.Worker2()),
        ("the assigning leader", _host.Leader()),
        ("the worker's id at another community", _host.Worker1(OtherCommunity)),
    ];

    [Fact]
    public async Task The_leader_learns_the_assignment_only_and_the_assigned_worker_alone_reads_and_writes()
    {
        var person = await _host.PersonAsync(1);
        using var opened = await _host.Leader().PostAsJsonAsync("/api/population/care/cases",
            new { personId = person, category = "severe_mental_illness", workerId = "cw-1" }, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var assignment = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(new[] { "assignedAt", "caseId", "workerId" }, assignment.EnumerateObject().Select(p => p.Name).Order());
        var id = assignment.GetProperty("caseId").GetGuid();

        await _host.Worker1().VisitAsync(id, "v-1", CareClients.Today, findings: "情绪稳定，按时服药");
        var read = await _host.Worker1().GetFromJsonAsync<JsonElement>($"/api/population/care/cases/{id}?{CareClients.Purpose}", Ct);
        Assert.Equal(("severe_mental_illness", "居民1", "cw-1"), (read.GetProperty("category").GetString(),
            read.GetProperty("personName").GetString(), read.GetProperty("workerId").GetString()));
        Assert.Equal("情绪稳定，按时服药", Assert.Single(read.GetProperty("visits").EnumerateArray()).GetProperty("findings").GetString());
        var own = await _host.Worker1().GetFromJsonAsync<JsonElement[]>($"/api/population/care/cases?{CareClients.Purpose}", Ct);
        Assert.Equal(new[] { id }, own!.Select(c => c.GetProperty("id").GetGuid()));

        foreach (var (who, client) in Outsiders())
        {
            using (client)
            {
                using var get = await client.GetAsync($"/api/population/care/cases/{id}?{CareClients.Purpose}", Ct);
                Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"{who} read the case: {get.StatusCode}");
                var list = await client.GetFromJsonAsync<JsonElement[]>($"/api/population/care/cases?{CareClients.Purpose}", Ct);
                Assert.True(list!.Length == 0, $"{who} listed the case");
                var due = await client.GetFromJsonAsync<JsonElement[]>($"/api/population/care/visits/due?within=90&{CareClients.Purpose}", Ct);
                Assert.True(due!.Length == 0, $"{who} saw the case due");
                using var visit = await client.PostAsJsonAsync($"/api/population/care/cases/{id}/visits",
                    new { requestId = $"x-{who.Length}", visitedOn = CareClients.Today, kind = "phone", findings = "..." }, Ct);
                Assert.True(visit.StatusCode == HttpStatusCode.NotFound, $"{who} recorded a visit: {visit.StatusCode}");
                using var close = await client.PostAsJsonAsync($"/api/population/care/cases/{id}/close", new { reason = "结束" }, Ct);
                Assert.True(close.StatusCode == HttpStatusCode.NotFound, $"{who} closed the case: {close.StatusCode}");
            }
        }
        Assert.Equal(1, await _host.QueryAsync(db => db.CareVisits.CountAsync(v => v.CaseId == id, Ct)));
        Assert.Null(await _host.QueryAsync(db => db.CareCases.Where(c => c.Id == id).Select(c => c.ClosedOn).FirstAsync(Ct)));
    }

    [Fact]
    public async Task A_reassignment_moves_access_at_once()
    {
        var id = await _host.OpenAsync(await _host.PersonAsync(2), "community_correction");
        await _host.Worker1().VisitAsync(id, "v-1", CareClients.Today);

        using var reassigned = await _host.Leader().PutAsJsonAsync($"/api/population/care/cases/{id}/worker", new { workerId = "cw-2", reason = "工作调整" }, Ct);
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        Assert.Equal("cw-2", (await reassigned.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("workerId").GetString());

        using var former = await _host.Worker1().GetAsync($"/api/population/care/cases/{id}?{CareClients.Purpose}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, former.StatusCode);
        using var formerVisit = await _host.Worker1().PostAsJsonAsync($"/api/population/care/cases/{id}/visits",
            new { requestId = "v-2", visitedOn = CareClients.Today, kind = "home", findings = "..." }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, formerVisit.StatusCode);

        var read = await _host.Worker2().GetFromJsonAsync<JsonElement>($"/api/population/care/cases/{id}?{CareClients.Purpose}", Ct);
        Assert.Single(read.GetProperty("visits").EnumerateArray());
        Assert.Equal(new[] { ("cw-1", (string?)null), ("cw-2", "工作调整") }, read.GetProperty("assignments").EnumerateArray()
            .Select(a => (a.GetProperty("workerId").GetString()!, a.GetProperty("reason").GetString())));
        using var leaderRead = await _host.Leader().GetAsync($"/api/population/care/cases/{id}?{CareClients.Purpose}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, leaderRead.StatusCode);

        // A leader of another community cannot touch it; to them too it does not exist.
        using var elsewhere = await _host.Leader(OtherCommunity).PutAsJsonAsync($"/api/population/care/cases/{id}/worker", new { workerId = "cw-3" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task The_worker_closes_the_case_and_a_closed_case_takes_no_visit_and_no_new_worker()
    {
        var id = await _host.OpenAsync(await _host.PersonAsync(3), "resettlement");
        using var noReason = await _host.Worker1().PostAsJsonAsync($"/api/population/care/cases/{id}/close", new { reason = " " }, Ct);
        await CareClients.AssertFieldAsync(noReason, "reason");
        using var closed = await _host.Worker1().PostAsJsonAsync($"/api/population/care/cases/{id}/close", new { reason = "帮教期满" }, Ct);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        using var again = await _host.Worker1().PostAsJsonAsync($"/api/population/care/cases/{id}/close", new { reason = "帮教期满" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var visit = await _host.Worker1().PostAsJsonAsync($"/api/population/care/cases/{id}/visits",
            new { requestId = "late", visitedOn = CareClients.Today, kind = "home", findings = "..." }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, visit.StatusCode);
        using var reassign = await _host.Leader().PutAsJsonAsync($"/api/population/care/cases/{id}/worker", new { workerId = "cw-2" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, reassign.StatusCode);

        var read = await _host.Worker1().GetFromJsonAsync<JsonElement>($"/api/population/care/cases/{id}?{CareClients.Purpose}", Ct);
        Assert.Equal("帮教期满", read.GetProperty("closingReason").GetString());
        var closedList = await _host.Worker1().GetFromJsonAsync<JsonElement[]>($"/api/population/care/cases?closed=true&{CareClients.Purpose}", Ct);
        Assert.Equal(new[] { id }, closedList!.Select(c => c.GetProperty("id").GetGuid()));
        // Closed, the person may have a new case of the same category.
        await _host.OpenAsync(await _host.QueryAsync(db => db.CareCases.Where(c => c.Id == id).Select(c => c.PersonId).FirstAsync(Ct)), "resettlement");
    }
}
