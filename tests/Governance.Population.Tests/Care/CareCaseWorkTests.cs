using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;
using Governance.Population.Tests.Moves;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Care;

/// <summary>The worker's reads are audited with their purpose in the care log only; visits move the due date once each; bad input writes nothing.</summary>
public sealed class CareCaseWorkTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_read_writes_its_audit_row_with_its_purpose_and_a_read_without_one_is_refused()
    {
        var person = await _host.PersonAsync(11);
        var id = await _host.OpenAsync(person, "drug_rehabilitation");

        using (var noPurpose = await _host.Worker1().GetAsync($"/api/population/care/cases/{id}", Ct))
            await CareClients.AssertFieldAsync(noPurpose, "purpose");
        using (var noPurposeList = await _host.Worker1().GetAsync("/api/population/care/cases", Ct))
            await CareClients.AssertFieldAsync(noPurposeList, "purpose");
        using (var noPurposeDue = await _host.Worker1().GetAsync("/api/population/care/visits/due", Ct))
            await CareClients.AssertFieldAsync(noPurposeDue, "purpose");
        Assert.Equal(0, await _host.QueryAsync(db => db.CareCaseReads.CountAsync(Ct)));

        await _host.Worker1().GetFromJsonAsync<JsonElement>($"/api/population/care/cases/{id}?purpose=case_handling&purposeNote=月度走访前查阅", Ct);
        await _host.Worker1().GetFromJsonAsync<JsonElement[]>($"/api/population/care/cases?{CareClients.Purpose}", Ct);
        await _host.Worker1().GetFromJsonAsync<JsonElement[]>($"/api/population/care/visits/due?{CareClients.Purpose}", Ct);

        var reads = await _host.Auditor().GetFromJsonAsync<JsonElement[]>($"/api/population/care/reads?case={id}", Ct);
        Assert.Equal(new[] { ("due", "service_delivery"), ("list", "service_delivery"), ("get", "case_handling") },
            reads!.Select(r => (r.GetProperty("action").GetString()!, r.GetProperty("purpose").GetString()!)));
        var get = reads![2];
        Assert.Equal(("cw-1", "月度走访前查阅", Grid1), (get.GetProperty("reader").GetString(), get.GetProperty("purposeNote").GetString(),
            get.GetProperty("orgPath").GetString()));
        Assert.Contains("visits", get.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));

        // Out of the auditor's subtree, and for roles without care-case.audit, the log shows nothing.
        Assert.Empty((await _host.Auditor(OtherCommunity).GetFromJsonAsync<JsonElement[]>("/api/population/care/reads", Ct))!);
        using (var byLeader = await _host.Leader().GetAsync("/api/population/care/reads", Ct))
            Assert.Equal(HttpStatusCode.Forbidden, byLeader.StatusCode);
        // The person access log, which auditors and others read, does not learn of the case.
        Assert.Empty((await _host.Auditor().GetFromJsonAsync<JsonElement[]>($"/api/population/access-log?person={person}", Ct))!);
        Assert.Equal(0, await _host.QueryAsync(db => db.PersonReads.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_visit_moves_the_next_due_date_and_a_replayed_visit_is_recorded_once()
    {
        var today = CareClients.Today;
        var id = await _host.OpenAsync(await _host.PersonAsync(12), "elderly_alone", openedOn: today.AddDays(-60));
        var due = await _host.Worker1().GetFromJsonAsync<JsonElement[]>($"/api/population/care/visits/due?{CareClients.Purpose}", Ct);
        var overdue = Assert.Single(due!);
        Assert.Equal((id, true, today.AddDays(-60)), (overdue.GetProperty("id").GetGuid(), overdue.GetProperty("overdue").GetBoolean(),
            overdue.GetProperty("nextVisitDue").GetDay()));

        var first = await _host.Worker1().VisitAsync(id, "req-1", today.AddDays(-2));
        Assert.Equal((today.AddDays(5), false), (first.GetProperty("nextVisitDue").GetDay(), first.GetProperty("replayed").GetBoolean()));
        var replay = await _host.Worker1().VisitAsync(id, "req-1", today.AddDays(-2));
        Assert.Equal((first.GetProperty("visitId").GetGuid(), true), (replay.GetProperty("visitId").GetGuid(), replay.GetProperty("replayed").GetBoolean()));
        // A visit entered late, dated before the latest, does not pull the due date back.
        var late = await _host.Worker1().VisitAsync(id, "req-0", today.AddDays(-20));
        Assert.Equal(today.AddDays(5), late.GetProperty("nextVisitDue").GetDay());

        // The same visit sent twice at once is recorded once.
        var twice = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => _host.Worker1().VisitAsync(id, "req-2", today)));
        Assert.Single(twice.Select(t => t.GetProperty("visitId").GetGuid()).Distinct());
        Assert.Equal(3, await _host.QueryAsync(db => db.CareVisits.CountAsync(v => v.CaseId == id, Ct)));
        Assert.Equal(today.AddDays(7), await _host.QueryAsync(db => db.CareCases.Where(c => c.Id == id).Select(c => c.NextVisitDue).FirstAsync(Ct)));

        Assert.Empty((await _host.Worker1().GetFromJsonAsync<JsonElement[]>($"/api/population/care/visits/due?within=6&{CareClients.Purpose}", Ct))!);
        Assert.Single((await _host.Worker1().GetFromJsonAsync<JsonElement[]>($"/api/population/care/visits/due?within=7&{CareClients.Purpose}", Ct))!);

        // The case's own interval replaces the category's, counted from the latest visit.
        using var plan = await _host.Worker1().PutAsJsonAsync($"/api/population/care/cases/{id}/plan", new { visitIntervalDays = 14 }, Ct);
        Assert.Equal(today.AddDays(14), (await plan.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("nextVisitDue").GetDay());
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_writes_nothing()
    {
        var person = await _host.PersonAsync(13);
        var leader = _host.Leader();
        async Task Refused(object body, string field)
        {
            using var response = await leader.PostAsJsonAsync("/api/population/care/cases", body, Ct);
            await CareClients.AssertFieldAsync(response, field);
        }
        await Refused(new { personId = person, category = "risky_person", workerId = "cw-1" }, "category");
        await Refused(new { personId = person, category = "elderly_alone" }, "workerId");
        await Refused(new { personId = person, category = "elderly_alone", workerId = "cw 1" }, "workerId");
        await Refused(new { personId = person, category = "elderly_alone", workerId = "cw-1", visitIntervalDays = 0 }, "visitIntervalDays");
        await Refused(new { personId = person, category = "elderly_alone", workerId = "cw-1", openedOn = CareClients.Today.AddDays(1) }, "openedOn");
        await Refused(new { category = "elderly_alone", workerId = "cw-1" }, "personId");
        await Refused(new { personId = Guid.NewGuid(), category = "elderly_alone", workerId = "cw-1" }, "personId");
        // A person outside the leader's community is as unknown as one never registered.
        var elsewhere = await _host.PersonAsync(14, OtherCommunity);
        await Refused(new { personId = elsewhere, category = "elderly_alone", workerId = "cw-1" }, "personId");
        // Only a role with care-case.assign opens a case: a care worker's request is refused like an unknown person.
        using (var byWorker = await _host.Worker1().PostAsJsonAsync("/api/population/care/cases", new { personId = person, category = "elderly_alone", workerId = "cw-1" }, Ct))
            await CareClients.AssertFieldAsync(byWorker, "personId");
        Assert.Equal(0, await _host.QueryAsync(db => db.CareCases.CountAsync(Ct)));

        var id = await _host.OpenAsync(person, "elderly_alone");
        using (var twice = await leader.PostAsJsonAsync("/api/population/care/cases", new { personId = person, category = "elderly_alone", workerId = "cw-2" }, Ct))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        async Task VisitRefused(object body, string field)
        {
            using var response = await _host.Worker1().PostAsJsonAsync($"/api/population/care/cases/{id}/visits", body, Ct);
            await CareClients.AssertFieldAsync(response, field);
        }
        var today = CareClients.Today;
        await VisitRefused(new { visitedOn = today, kind = "home", findings = "好" }, "requestId");
        await VisitRefused(new { requestId = "a", visitedOn = today, kind = "video", findings = "好" }, "kind");
        await VisitRefused(new { requestId = "a", visitedOn = today, kind = "home" }, "findings");
        await VisitRefused(new { requestId = "a", visitedOn = today, kind = "home", findings = new string('好', 2001) }, "findings");
        await VisitRefused(new { requestId = "a", visitedOn = today, kind = "home", findings = "好", nextStep = new string('好', 501) }, "nextStep");
        await VisitRefused(new { requestId = "a", visitedOn = today.AddDays(1), kind = "home", findings = "好" }, "visitedOn");
        await VisitRefused(new { requestId = "a", visitedOn = today.AddDays(-1), kind = "home", findings = "好" }, "visitedOn");
        await VisitRefused(new { requestId = "a", kind = "home", findings = "好" }, "visitedOn");
        using (var reassign = await leader.PutAsJsonAsync($"/api/population/care/cases/{id}/worker", new { workerId = "cw-1" }, Ct))
            await CareClients.AssertFieldAsync(reassign, "workerId");
        Assert.Equal(0, await _host.QueryAsync(db => db.CareVisits.CountAsync(Ct)));
        Assert.Equal(1, await _host.QueryAsync(db => db.CareAssignments.CountAsync(Ct)));
        Assert.Equal(today, await _host.QueryAsync(db => db.CareCases.Where(c => c.Id == id).Select(c => c.NextVisitDue).FirstAsync(Ct)));
    }

    [Fact]
    public async Task Two_leaders_opening_the_same_case_at_once_make_one_case_and_one_conflict()
    {
        var person = await _host.PersonAsync(15);
        var responses = await Task.WhenAll(Enumerable.Range(1, 2).Select(n => _host.ClientAs($"leader-{n}", Community, "centre_leader")
            .PostAsJsonAsync("/api/population/care/cases", new { personId = person, category = "elderly_alone", workerId = $"cw-{n}" }, Ct)));
        Assert.Equal(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }, responses.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await _host.QueryAsync(db => db.CareCases.CountAsync(c => c.PersonId == person, Ct)));
        Assert.Equal(1, await _host.QueryAsync(db => db.CareAssignments.CountAsync(Ct)));
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task A_case_goes_with_its_person_and_the_new_communitys_leader_assigns_its_worker()
    {
        const string OtherGrid = OtherCommunity + "/001";
        var (_, homeRooms) = await Homes.RoomsAsync(_host, 1, Grid1, code: "11");
        var (_, awayRooms) = await Homes.RoomsAsync(_host, 1, OtherGrid, code: "12");
        var person = await _host.PersonAsync(16);
        var id = await _host.OpenAsync(person, "resettlement");
        var mover = _host.GridWorker(Street);
        (await Homes.MoveInAsync(mover, person, homeRooms[0])).EnsureSuccessStatusCode();
        Assert.Empty((await _host.Leader().GetFromJsonAsync<JsonElement[]>($"/api/population/care/arrivals?{CareClients.Purpose}", Ct))!);

        // The person moves to another community: the case goes along, out of its worker's reach, and arrives there.
        (await Homes.MoveInAsync(mover, person, awayRooms[0])).EnsureSuccessStatusCode();
        using (var formerWorker = await _host.Worker1().GetAsync($"/api/population/care/cases/{id}?{CareClients.Purpose}", Ct))
            Assert.Equal(HttpStatusCode.NotFound, formerWorker.StatusCode);
        var otherLeader = _host.Leader(OtherCommunity);
        using (var noPurpose = await otherLeader.GetAsync("/api/population/care/arrivals", Ct))
            await CareClients.AssertFieldAsync(noPurpose, "purpose");
        using (var byWorker = await _host.Worker1(OtherCommunity).GetAsync($"/api/population/care/arrivals?{CareClients.Purpose}", Ct))
            Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Empty((await _host.Leader().GetFromJsonAsync<JsonElement[]>($"/api/population/care/arrivals?{CareClients.Purpose}", Ct))!);
        var arrival = Assert.Single((await otherLeader.GetFromJsonAsync<JsonElement[]>($"/api/population/care/arrivals?{CareClients.Purpose}", Ct))!);
        Assert.Equal((id, "resettlement", OtherGrid, Community, "cw-1"), (arrival.GetProperty("caseId").GetGuid(), arrival.GetProperty("category").GetString(),
            arrival.GetProperty("orgPath").GetString(), arrival.GetProperty("arrivedFrom").GetString(), arrival.GetProperty("workerId").GetString()));
        Assert.False(arrival.TryGetProperty("personId", out _));
        var reads = await _host.QueryAsync(db => db.CareCaseReads.Where(r => r.CaseId == id && r.Action == "arrivals").ToListAsync(Ct));
        Assert.Equal(("leader-1", OtherGrid), (Assert.Single(reads).Reader, reads[0].OrgPath));

        // Its new leader assigns a worker of their own, who reads it; the arrival ends.
        var newWorker = _host.ClientAs("cw-3", OtherCommunity, "care_worker");
        using (var assign = await otherLeader.PutAsJsonAsync($"/api/population/care/cases/{id}/worker", new { workerId = "cw-3", reason = "迁入本社区" }, Ct))
            Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        Assert.Equal(id, (await newWorker.GetFromJsonAsync<JsonElement>($"/api/population/care/cases/{id}?{CareClients.Purpose}", Ct)).GetProperty("id").GetGuid());
        Assert.Empty((await otherLeader.GetFromJsonAsync<JsonElement[]>($"/api/population/care/arrivals?{CareClients.Purpose}", Ct))!);

        // Back home it arrives again; handing it to the worker it came with is allowed then, and ends that arrival too.
        (await Homes.MoveInAsync(mover, person, homeRooms[0])).EnsureSuccessStatusCode();
        Assert.Equal(OtherCommunity, Assert.Single((await _host.Leader().GetFromJsonAsync<JsonElement[]>(
            $"/api/population/care/arrivals?{CareClients.Purpose}", Ct))!).GetProperty("arrivedFrom").GetString());
        using (var keep = await _host.Leader().PutAsJsonAsync($"/api/population/care/cases/{id}/worker", new { workerId = "cw-3" }, Ct))
            Assert.Equal(HttpStatusCode.OK, keep.StatusCode);
        var stored = await _host.QueryAsync(db => db.CareCases.SingleAsync(c => c.Id == id, Ct));
        Assert.Equal((Grid1, (string?)null, (DateOnly?)null, "cw-3"), (stored.OrgPath, stored.ArrivedFrom, stored.ArrivedOn, stored.WorkerId));
        Assert.Equal(3, await _host.QueryAsync(db => db.CareAssignments.CountAsync(a => a.CaseId == id, Ct)));
    }
}
