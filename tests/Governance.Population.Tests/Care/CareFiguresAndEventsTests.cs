using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Population;
using Grpc.Core;
using Grpc.Net.Client;
using Governance.Messaging.Outbox;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Care;

/// <summary>Care cases never leave the service: no event of a whole case life, and figures per community only at or above the minimum.</summary>
public sealed class CareFiguresAndEventsTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    // Three, not the default ten, so that the test opens few cases; the rule is the same.
    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync(new Dictionary<string, string?> { ["Population:Care:MinimumCount"] = "3" });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Figures_per_community_and_category_are_withheld_under_the_minimum()
    {
        for (var n = 21; n <= 23; n++) await _host.OpenAsync(await _host.PersonAsync(n), "elderly_alone");
        for (var n = 24; n <= 25; n++) await _host.OpenAsync(await _host.PersonAsync(n), "left_behind_child");
        await _host.OpenAsync(await _host.PersonAsync(26, OtherCommunity), "elderly_alone", org: OtherCommunity);
        // A closed case is not counted: three open elderly cases stay three.
        var closing = await _host.OpenAsync(await _host.PersonAsync(27), "resettlement");
        using (await _host.Worker1().PostAsJsonAsync($"/api/population/care/cases/{closing}/close", new { reason = "迁出" }, Ct)) { }

        var figures = await _host.ClientAs("leader-9", Street, "centre_leader").GetFromJsonAsync<JsonElement[]>("/api/population/care/figures", Ct);
        var shown = figures!.ToDictionary(f => (f.GetProperty("community").GetString()!, f.GetProperty("category").GetString()!),
            f => (f.GetProperty("shown").GetString(), f.GetProperty("count").ValueKind == JsonValueKind.Null ? (int?)null : f.GetProperty("count").GetInt32()));
        Assert.Equal(12, shown.Count); // two communities × six categories, zero included
        Assert.Equal(("3", 3), shown[(Community, "elderly_alone")]);
        Assert.Equal(("<3", null), shown[(Community, "left_behind_child")]);
        Assert.Equal(("<3", null), shown[(Community, "resettlement")]);
        Assert.Equal(("<3", null), shown[(OtherCommunity, "elderly_alone")]);

        // Within the leader's own community only; a role without care-case.figures is refused.
        var own = await _host.Leader().GetFromJsonAsync<JsonElement[]>("/api/population/care/figures", Ct);
        Assert.All(own!, f => Assert.Equal(Community, f.GetProperty("community").GetString()));
        foreach (var other in new[] { _host.Worker1(), _host.ClientAs("admin-1", County, "admin"), _host.Auditor() })
            using (other)
            using (var refused = await other.GetAsync("/api/population/care/figures", Ct))
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Visits_due_last_month_are_counted_per_community_as_on_time_late_or_not_made()
    {
        // Last month, wholly past. Community corrections are visited every 30 days, so each case falls due once in it:
        // a case is first due on the day it opens.
        var month = new DateOnly(CareClients.Today.Year, CareClients.Today.Month, 1).AddMonths(-1);
        async Task<Guid> Case(int n, int day, string org = Community) =>
            await _host.OpenAsync(await _host.PersonAsync(n, org == Community ? Grid1 : org), "community_correction", openedOn: month.AddDays(day), org: org);
        var onTime = await Case(41, 4);
        var late = await Case(42, 9);
        await Case(43, 14); // never visited
        var onTheDay = await Case(44, 19);
        await Case(45, 2, OtherCommunity); // never visited either, and alone there
        await _host.Worker1().VisitAsync(onTime, "v-41", month.AddDays(4));
        await _host.Worker1().VisitAsync(late, "v-42", month.AddDays(11));
        await _host.Worker1().VisitAsync(onTheDay, "v-44", month.AddDays(19));

        var leader = _host.ClientAs("leader-9", Street, "centre_leader");
        var rows = (await leader.GetFromJsonAsync<JsonElement[]>($"/api/population/care/figures/visits?month={month:yyyy-MM}", Ct))!
            .ToDictionary(r => r.GetProperty("community").GetString()!);
        var here = rows[Community];
        // 4 due = 2 on time (days 4 and 19) + 1 late (due day 9, made on 11) + 1 not made (day 14).
        Assert.Equal((4, 2, 1, 1, "4"), (here.GetProperty("due").GetInt32(), here.GetProperty("onTime").GetInt32(), here.GetProperty("late").GetInt32(),
            here.GetProperty("missed").GetInt32(), here.GetProperty("shown").GetString()));
        // One due visit points at one case: withheld, counts and all.
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, "<3"), (rows[OtherCommunity].GetProperty("due").ValueKind,
            rows[OtherCommunity].GetProperty("missed").ValueKind, rows[OtherCommunity].GetProperty("shown").GetString()));

        // The same over gRPC, for assessment's service account; a month that is not one is refused naming the field.
        using var channel = GrpcChannel.ForAddress(_host.Grpc);
        var client = new Governance.Contracts.Population.V1.PopulationService.PopulationServiceClient(channel);
        var headers = new Metadata { { "authorization", "Bearer " + _host.Issuer.TokenFor("leader-9", Street, ["centre_leader"]) } };
        var reply = await client.GetCareVisitFiguresAsync(new() { Month = $"{month:yyyy-MM}" }, headers, cancellationToken: Ct);
        var row = reply.Rows.Single(r => r.Community == Community);
        Assert.Equal((4, 2, 1, 1), (row.Due, row.OnTime, row.Late, row.Missed));
        Assert.False(reply.Rows.Single(r => r.Community == OtherCommunity).HasDue);
        using (var bad = await leader.GetAsync("/api/population/care/figures/visits?month=2026-13", Ct)) await CareClients.AssertFieldAsync(bad, "month");
        using (var refused = await _host.Worker1().GetAsync($"/api/population/care/figures/visits?month={month:yyyy-MM}", Ct))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task No_event_mentions_a_care_case_through_its_whole_life()
    {
        var person = await _host.PersonAsync(31);
        var id = await _host.OpenAsync(person, "community_correction");
        await _host.Worker1().VisitAsync(id, "v-1", CareClients.Today);
        using (await _host.Worker1().PutAsJsonAsync($"/api/population/care/cases/{id}/plan", new { visitIntervalDays = 10 }, Ct)) { }
        using (await _host.Leader().PutAsJsonAsync($"/api/population/care/cases/{id}/worker", new { workerId = "cw-2" }, Ct)) { }
        using (var closed = await _host.Worker2().PostAsJsonAsync($"/api/population/care/cases/{id}/close", new { reason = "矫正期满" }, Ct))
            closed.EnsureSuccessStatusCode();

        // A house registered after the case's life is published; the outbox sends in order, so what the case's
        // writes had put in it would have been published before.
        using var house = await _host.GridWorker().PostAsJsonAsync("/api/population/houses",
            new { kind = "building", code = "9", name = "9栋", orgPath = Grid1 }, Ct);
        var houseId = (await house.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        await _host.Events.WaitForAsync<HouseRegistered>(e => e.HouseId == houseId);
        Assert.All(_host.Events.Seen<object>(_ => true), e => Assert.IsType<HouseRegistered>(e));
        var pending = await _host.QueryAsync(db => db.Set<OutboxMessage>().Select(m => m.Body).ToListAsync(Ct));
        Assert.DoesNotContain(pending, body => body.Contains(id.ToString()) || body.Contains(person.ToString()));
    }
}
