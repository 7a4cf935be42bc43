using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Population;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Moves;

/// <summary>People moving into and out of houses, on real PostgreSQL: one open stay per person, history kept, events with ids only.</summary>
public sealed class MoveTests : IAsyncLifetime
{
    private PopulationHost _host = null!;
    private Guid[] _rooms = null!;
    private Guid _unit;

    public async ValueTask InitializeAsync()
    {
        _host = await PopulationHost.StartAsync();
        (_unit, _rooms) = await Homes.RoomsAsync(_host, 3);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<string?> OccupancyAsync(Guid room) => _host.QueryAsync(db => db.Houses.Where(h => h.Id == room).Select(h => h.Occupancy).SingleAsync(Ct));

    [Fact]
    public async Task Moving_in_sets_the_current_house_and_the_houses_org_fills_the_room_and_publishes_ids_only()
    {
        // Registered at the community; living in a room of one of its grids.
        var person = await Homes.PersonAsync(_host, 1, org: Community);
        using var response = await Homes.MoveInAsync(_host.GridWorker(Community), person, _rooms[0]);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stay = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((person, _rooms[0], Grid1), (stay.GetProperty("personId").GetGuid(), stay.GetProperty("houseId").GetGuid(), stay.GetProperty("orgPath").GetString()));

        var stored = await _host.QueryAsync(db => db.Persons.SingleAsync(p => p.Id == person, Ct));
        Assert.Equal((_rooms[0], Grid1), (stored.HouseId, stored.OrgPath));
        Assert.Equal("occupied", await OccupancyAsync(_rooms[0]));
        var moved = await _host.Events.WaitForAsync<PersonMovedIn>(e => e.PersonId == person);
        Assert.Equal((_rooms[0], (Guid?)null, Grid1), (moved.HouseId, moved.HouseholdId, moved.OrgPath));
    }

    [Fact]
    public async Task Moving_from_one_house_to_another_ends_the_first_stay_and_publishes_out_then_in()
    {
        var person = await Homes.PersonAsync(_host, 2);
        var worker = _host.GridWorker();
        (await Homes.MoveInAsync(worker, person, _rooms[0])).EnsureSuccessStatusCode();
        using var second = await Homes.MoveInAsync(worker, person, _rooms[1]);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        var stays = await worker.GetFromJsonAsync<JsonElement[]>($"/api/population/persons/{person}/stays", Ct);
        Assert.Equal([(_rooms[1], null), (_rooms[0], "moved")], stays!.Select(s => (s.GetProperty("houseId").GetGuid(),
            s.GetProperty("endReason").ValueKind == JsonValueKind.Null ? null : s.GetProperty("endReason").GetString())));
        Assert.Equal(_rooms[1], await _host.QueryAsync(db => db.Persons.Where(p => p.Id == person).Select(p => p.HouseId).SingleAsync(Ct)));
        Assert.Equal(("vacant", "occupied"), (await OccupancyAsync(_rooms[0]), await OccupancyAsync(_rooms[1])));
        var outOfFirst = await _host.Events.WaitForAsync<PersonMovedOut>(e => e.PersonId == person);
        Assert.Equal((_rooms[0], "moved"), (outOfFirst.HouseId, outOfFirst.Reason));
        Assert.Equal([_rooms[0], _rooms[1]], (await _host.Events.AllAsync<PersonMovedIn>(e => e.PersonId == person)).Select(e => e.HouseId).Order());
        // Published in the order they happened (one lane per person): in, then out of the first, then into the second.
        var order = _host.Events.Seen<object>(e => e is PersonMovedIn i && i.PersonId == person || e is PersonMovedOut o && o.PersonId == person);
        Assert.Equal([$"in {_rooms[0]}", $"out {_rooms[0]}", $"in {_rooms[1]}"],
            order.Select(e => e is PersonMovedIn i ? $"in {i.HouseId}" : $"out {((PersonMovedOut)e).HouseId}"));
    }

    [Fact]
    public async Task A_replayed_move_in_answers_the_open_stay_and_writes_nothing()
    {
        var person = await Homes.PersonAsync(_host, 3);
        using var first = await Homes.MoveInAsync(_host.GridWorker(), person, _rooms[0]);
        using var again = await Homes.MoveInAsync(_host.GridWorker(), person, _rooms[0]);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid(),
            (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        Assert.Equal(1, await _host.QueryAsync(db => db.Stays.CountAsync(s => s.PersonId == person, Ct)));
        Assert.Single(await _host.Events.AllAsync<PersonMovedIn>(e => e.PersonId == person));
    }

    [Fact]
    public async Task Two_moves_at_once_leave_one_open_stay()
    {
        var person = await Homes.PersonAsync(_host, 4);
        // The same move submitted four times at once: one stay, the others answer it.
        var same = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var r = await Homes.MoveInAsync(_host.GridWorker(), person, _rooms[0]);
            return r.StatusCode;
        }));
        Assert.Single(same, s => s == HttpStatusCode.Created);
        Assert.All(same.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.OK, s));
        // Moves into two different rooms at once: one wins, the other is told the person moved meanwhile.
        var different = await Task.WhenAll(_rooms[1..].Select(async room =>
        {
            using var r = await Homes.MoveInAsync(_host.GridWorker(), person, room);
            return r.StatusCode;
        }));
        Assert.Contains(HttpStatusCode.Created, different);
        Assert.All(different.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        var open = await _host.QueryAsync(db => db.Stays.Where(s => s.PersonId == person && s.Until == null).ToListAsync(Ct));
        var stay = Assert.Single(open);
        Assert.Equal(stay.HouseId, await _host.QueryAsync(db => db.Persons.Where(p => p.Id == person).Select(p => p.HouseId).SingleAsync(Ct)));
        Assert.Equal(1 + different.Count(s => s == HttpStatusCode.Created), await _host.QueryAsync(db => db.Stays.CountAsync(s => s.PersonId == person, Ct)));
    }

    [Fact]
    public async Task Moving_out_ends_the_stay_empties_the_room_and_a_second_move_out_is_refused()
    {
        var person = await Homes.PersonAsync(_host, 5);
        (await Homes.MoveInAsync(_host.GridWorker(), person, _rooms[2])).EnsureSuccessStatusCode();
        using var bad = await _host.GridWorker().PostAsJsonAsync($"/api/population/persons/{person}/move-out", new { reason = "emigrated" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("reason", out _));

        using var moveOut = await _host.GridWorker().PostAsJsonAsync($"/api/population/persons/{person}/move-out", new { reason = "departed" }, Ct);
        Assert.Equal(HttpStatusCode.OK, moveOut.StatusCode);
        Assert.Null(await _host.QueryAsync(db => db.Persons.Where(p => p.Id == person).Select(p => p.HouseId).SingleAsync(Ct)));
        Assert.Equal("vacant", await OccupancyAsync(_rooms[2]));
        var published = await _host.Events.WaitForAsync<PersonMovedOut>(e => e.PersonId == person);
        Assert.Equal((_rooms[2], "departed", Grid1), (published.HouseId, published.Reason, published.OrgPath));

        using var again = await _host.GridWorker().PostAsJsonAsync($"/api/population/persons/{person}/move-out", new { reason = "departed" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("PersonLivesInNoRecordedHouse", await again.Content.ReadAsStringAsync(Ct));
        Assert.Single(await _host.Events.AllAsync<PersonMovedOut>(e => e.PersonId == person));
    }

    [Fact]
    public async Task A_house_or_person_out_of_reach_reads_as_absent_and_a_reader_may_not_move_anyone()
    {
        var (_, otherRooms) = await Homes.RoomsAsync(_host, 1, OtherCommunity, code: "09");
        var person = await Homes.PersonAsync(_host, 6);
        var stranger = await Homes.PersonAsync(_host, 7, org: OtherCommunity);
        using var house = await Homes.MoveInAsync(_host.GridWorker(), person, otherRooms[0]);
        Assert.Equal(HttpStatusCode.NotFound, house.StatusCode);
        using var who = await Homes.MoveInAsync(_host.GridWorker(), stranger, _rooms[0]);
        Assert.Equal(HttpStatusCode.NotFound, who.StatusCode);
        using var reader = await Homes.MoveInAsync(_host.Investigator(), person, _rooms[0]);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal(0, await _host.QueryAsync(db => db.Stays.CountAsync(Ct)));
        Assert.Empty(_host.Events.Seen<PersonMovedIn>(_ => true));
    }

    [Fact]
    public async Task Only_a_room_or_a_building_without_rooms_is_lived_in_and_bad_input_names_its_field()
    {
        var person = await Homes.PersonAsync(_host, 8);
        var worker = _host.GridWorker();
        var alone = await Homes.RegisterAsync(worker, new { kind = "building", code = "B9", name = "独栋9号", orgPath = Grid1, use = "residential" });
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(2).ToString("yyyy-MM-dd");
        foreach (var (body, field) in new (object, string)[]
        {
            (new { houseId = _unit }, "houseId"), (new { }, "houseId"), (new { houseId = _rooms[0], on = tomorrow }, "on"),
        })
        {
            using var refused = await worker.PostAsJsonAsync($"/api/population/persons/{person}/move-in", body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        using var building = await Homes.MoveInAsync(worker, person, alone);
        Assert.Equal(HttpStatusCode.Created, building.StatusCode);
        Assert.Equal(1, await _host.QueryAsync(db => db.Stays.CountAsync(Ct)));
    }

    [Fact]
    public async Task Reading_the_history_of_stays_is_a_logged_read_of_the_person()
    {
        var person = await Homes.PersonAsync(_host, 9);
        (await Homes.MoveInAsync(_host.GridWorker(), person, _rooms[0])).EnsureSuccessStatusCode();
        await _host.GridWorker().GetFromJsonAsync<JsonElement[]>($"/api/population/persons/{person}/stays?purpose=service_delivery", Ct);
        var read = await _host.QueryAsync(db => db.PersonReads.SingleAsync(r => r.PersonId == person, Ct));
        Assert.Equal(("stays", "gw-1", "service_delivery"), (read.Action, read.Reader, read.Purpose));
        using var outside = await _host.GridWorker(OtherCommunity).GetAsync($"/api/population/persons/{person}/stays", Ct);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Moves_and_households_hold_on_SQLite_as_the_standalone_host_runs_them()
    {
        await using var host = await PopulationHost.StartAsync(sqlite: true);
        var (_, rooms) = await Homes.RoomsAsync(host, 2);
        var person = await Homes.PersonAsync(host, 10);
        var worker = host.GridWorker();
        (await Homes.MoveInAsync(worker, person, rooms[0])).EnsureSuccessStatusCode();
        var answers = await Task.WhenAll(rooms.Select(async room =>
        {
            using var r = await Homes.MoveInAsync(host.GridWorker(), person, room);
            return r.StatusCode;
        }));
        Assert.Contains(HttpStatusCode.Created, answers);
        Assert.Single(await host.QueryAsync(db => db.Stays.Where(s => s.PersonId == person && s.Until == null).ToListAsync(Ct)));
        using var household = await worker.PostAsJsonAsync("/api/population/households", new { number = "H1", kind = "family", houseId = rooms[1], headId = person }, Ct);
        Assert.Equal(HttpStatusCode.Created, household.StatusCode);
        using var twice = await worker.PostAsJsonAsync("/api/population/households", new { number = "H2", kind = "family", houseId = rooms[1], headId = person }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        (await worker.PostAsJsonAsync($"/api/population/persons/{person}/move-out", new { reason = "departed" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(0, await host.QueryAsync(db => db.Stays.CountAsync(s => s.Until == null, Ct)));
    }
}
