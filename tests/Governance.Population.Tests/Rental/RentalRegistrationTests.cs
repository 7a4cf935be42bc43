using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;
using static Governance.Population.Tests.Rental.Rentals;

namespace Governance.Population.Tests.Rental;

/// <summary>Registering rentals, their agreement, the due and overdue inspections per org, and every refusal naming its field.</summary>
public sealed class RentalRegistrationTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Guid[] Ids(JsonElement[]? list) => list!.Select(r => r.GetProperty("id").GetGuid()).ToArray();

    [Fact]
    public async Task Due_and_overdue_inspections_are_listed_per_org_soonest_first()
    {
        var (never, _, _) = await RentalAsync(_host);
        var (assured, _, _) = await RentalAsync(_host);
        var (prohibited, _, _) = await RentalAsync(_host);
        var (elsewhere, _, _) = await RentalAsync(_host, org: OtherCommunity);
        await InspectAsync(_host, assured);
        await InspectAsync(_host, prohibited, "fire_exits_blocked", "gas_unsafe");
        var today = Today(_host);

        // Never inspected: due the day it was registered. Prohibited: in 7 days. Assured: in a year.
        var dueThisWeek = await _host.GridWorker(Community).GetFromJsonAsync<JsonElement[]>($"/api/population/rentals?due={today.AddDays(7):yyyy-MM-dd}", Ct);
        Assert.Equal([never, prohibited], Ids(dueThisWeek));
        Assert.Equal([false, false], dueThisWeek!.Select(r => r.GetProperty("overdue").GetBoolean()));

        _host.Clock.Advance(TimeSpan.FromDays(8));
        var overdue = await _host.GridWorker(Community).GetFromJsonAsync<JsonElement[]>($"/api/population/rentals?due={Today(_host):yyyy-MM-dd}", Ct);
        Assert.Equal([never, prohibited], Ids(overdue));
        Assert.All(overdue!, r => Assert.True(r.GetProperty("overdue").GetBoolean()));
        Assert.Equal([assured], Ids(await _host.GridWorker(Community).GetFromJsonAsync<JsonElement[]>("/api/population/rentals?grade=assured", Ct)));
        // Another community's rentals are not this grid worker's, and theirs not ours; the street sees both.
        Assert.DoesNotContain(elsewhere, Ids(await _host.GridWorker(Community).GetFromJsonAsync<JsonElement[]>("/api/population/rentals", Ct)));
        Assert.Equal([elsewhere], Ids(await _host.GridWorker(OtherCommunity).GetFromJsonAsync<JsonElement[]>("/api/population/rentals", Ct)));
        Assert.Equal(4, Ids(await _host.GridWorker(Street).GetFromJsonAsync<JsonElement[]>("/api/population/rentals", Ct)).Length);
        using var outOfReach = await _host.GridWorker(OtherCommunity).GetAsync($"/api/population/rentals/{never}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, outOfReach.StatusCode);
        using var inspectOutOfReach = await _host.GridWorker(OtherCommunity).PostAsJsonAsync($"/api/population/rentals/{never}/inspections", new { }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, inspectOutOfReach.StatusCode);
    }

    [Fact]
    public async Task A_renewed_agreement_counts_from_the_next_inspection()
    {
        var (rental, _, _) = await RentalAsync(_host, agreement: false);
        Assert.Equal("no_valid_agreement", GradeOf(await InspectAsync(_host, rental)).Rule);
        var today = Today(_host);
        using var renewed = await _host.GridWorker().PutAsJsonAsync($"/api/population/rentals/{rental}/agreement", new { signedOn = today, validUntil = today.AddYears(1) }, Ct);
        Assert.Equal("valid", (await renewed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString());
        Assert.Equal("watched", (await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/rentals/{rental}", Ct)).GetProperty("grade").GetProperty("grade").GetString());
        Assert.Equal(("assured", "no_findings"), (GradeOf(await InspectAsync(_host, rental)).Grade, GradeOf(await InspectAsync(_host, rental)).Rule));

        // Past its end the agreement counts as expired.
        _host.Clock.Advance(TimeSpan.FromDays(400));
        var late = await InspectAsync(_host, rental);
        Assert.Equal(("watched", "expired"), (GradeOf(late).Grade, late.GetProperty("inspection").GetProperty("agreement").GetString()));
    }

    [Fact]
    public async Task Bad_registrations_and_inspections_are_refused_naming_the_field_and_store_nothing()
    {
        var room = await RoomAsync(_host);
        var landlord = await PersonAsync(_host);
        var today = Today(_host);
        var compound = (await PostAsync(_host.GridWorker(), "/api/population/houses", new { kind = "compound", code = "C1", name = "小区", orgPath = Grid1 })).GetProperty("id").GetGuid();
        var elsewhere = await PersonAsync(_host, org: OtherCommunity);
        await RefusedAsync("/api/population/rentals", new { landlordId = landlord, permittedOccupants = 2 }, "houseId");
        await RefusedAsync("/api/population/rentals", new { houseId = compound, landlordId = landlord, permittedOccupants = 2 }, "houseId");
        await RefusedAsync("/api/population/rentals", new { houseId = Guid.NewGuid(), landlordId = landlord, permittedOccupants = 2 }, "houseId");
        await RefusedAsync("/api/population/rentals", new { houseId = room, permittedOccupants = 2 }, "landlordId");
        await RefusedAsync("/api/population/rentals", new { houseId = room, landlordId = elsewhere, permittedOccupants = 2 }, "landlordId");
        await RefusedAsync("/api/population/rentals", new { houseId = room, landlordId = landlord, permittedOccupants = 0 }, "permittedOccupants");
        await RefusedAsync("/api/population/rentals", new { houseId = room, landlordId = landlord, permittedOccupants = 2, agreement = new { validUntil = today } }, "agreement.signedOn");
        await RefusedAsync("/api/population/rentals", new { houseId = room, landlordId = landlord, permittedOccupants = 2, agreement = new { signedOn = today.AddDays(1) } }, "agreement.signedOn");
        await RefusedAsync("/api/population/rentals", new { houseId = room, landlordId = landlord, permittedOccupants = 2, agreement = new { signedOn = today, validUntil = today.AddDays(-1) } },
            "agreement.validUntil");
        Assert.Equal(0, await _host.QueryAsync(db => db.Set<Governance.Population.Rental.RentalHouse>().CountAsync(Ct)));

        var rental = (await PostAsync(_host.GridWorker(), "/api/population/rentals", new { houseId = room, landlordId = landlord, permittedOccupants = 2 })).GetProperty("id").GetGuid();
        using var twice = await _host.GridWorker().PostAsJsonAsync("/api/population/rentals", new { houseId = room, landlordId = landlord, permittedOccupants = 3 }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        // An investigator reads but does not register or inspect.
        using var investigator = await _host.Investigator().PostAsJsonAsync($"/api/population/rentals/{rental}/inspections", new { }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, investigator.StatusCode);

        var url = $"/api/population/rentals/{rental}/inspections";
        await RefusedAsync(url, new { findings = new[] { new { code = "smoke", note = "" } } }, "findings[0].code");
        await RefusedAsync(url, new { findings = new[] { new { code = "gas_unsafe", note = "" }, new { code = "gas_unsafe", note = "" } } }, "findings[1].code");
        await RefusedAsync(url, new { findings = new[] { new { code = "gas_unsafe", note = new string('长', 501) } } }, "findings[0].note");
        await RefusedAsync(url, new { inspectedOn = today.AddDays(1) }, "inspectedOn");
        await InspectAsync(_host, rental);
        await RefusedAsync(url, new { inspectedOn = today.AddDays(-1) }, "inspectedOn");
        Assert.Equal(1, await _host.QueryAsync(db => db.Set<Governance.Population.Rental.RentalInspection>().CountAsync(Ct)));
        await RefusedAsync("/api/population/rentals?due=soon", null, "due", get: true);
        await RefusedAsync("/api/population/rentals?grade=safe", null, "grade", get: true);
    }

    [Fact]
    public async Task Two_at_once_one_registration_wins_and_inspections_each_commit_whole_or_not_at_all()
    {
        var room = await RoomAsync(_host);
        var landlord = await PersonAsync(_host);
        var registrations = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var r = await _host.GridWorker().PostAsJsonAsync("/api/population/rentals", new { houseId = room, landlordId = landlord, permittedOccupants = 2 }, Ct);
            return r.StatusCode;
        }));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict], registrations.Order());
        var rental = await _host.QueryAsync(db => db.Set<Governance.Population.Rental.RentalHouse>().SingleAsync(Ct));

        var inspections = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var r = await _host.GridWorker().PostAsJsonAsync($"/api/population/rentals/{rental.Id}/inspections", new { findings = new[] { new { code = "gas_unsafe" } } }, Ct);
            return r.StatusCode;
        }));
        Assert.All(inspections, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(inspections.Count(s => s == HttpStatusCode.Created),
            await _host.QueryAsync(db => db.Set<Governance.Population.Rental.RentalInspection>().CountAsync(i => i.RentalId == rental.Id, Ct)));
        // However many committed, the grade changed once: one event.
        await _host.Events.WaitForAsync<Governance.Contracts.Population.RentalGradeChanged>(e => e.HouseId == room);
        Assert.Single(await _host.Events.AllAsync<Governance.Contracts.Population.RentalGradeChanged>(e => e.HouseId == room));
    }

    private async Task RefusedAsync(string url, object? body, string field, bool get = false)
    {
        using var response = get ? await _host.GridWorker().GetAsync(url, Ct) : await _host.GridWorker().PostAsJsonAsync(url, body, Ct);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} {field}: {response.StatusCode} {problem}");
        Assert.True(JsonDocument.Parse(problem).RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{field}: {problem}");
    }
}
