using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Population;
using Governance.Population.Tests.Infrastructure;
using Governance.Population.Tests.Moves;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Households;

/// <summary>Households on real PostgreSQL: one head at a time, one household per person, history of members, reads of members logged.</summary>
public sealed class HouseholdTests : IAsyncLifetime
{
    private PopulationHost _host = null!;
    private Guid[] _rooms = null!;
    private Guid _zhang, _wife, _son;

    public async ValueTask InitializeAsync()
    {
        _host = await PopulationHost.StartAsync();
        (_, _rooms) = await Homes.RoomsAsync(_host, 2);
        _zhang = await Homes.PersonAsync(_host, 11, "张三");
        _wife = await Homes.PersonAsync(_host, 12, "王芳");
        _son = await Homes.PersonAsync(_host, 13, "张小明");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> RegisterAsync(string number, Guid head, Guid? room = null, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await _host.GridWorker().PostAsJsonAsync("/api/population/households",
            new { number, kind = "family", houseId = room ?? _rooms[0], headId = head }, Ct);
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync(Ct));
        return expected == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid() : Guid.Empty;
    }

    private async Task<HttpStatusCode> AddAsync(Guid household, Guid person, string relation)
    {
        using var response = await _host.GridWorker().PostAsJsonAsync($"/api/population/households/{household}/members", new { personId = person, relation }, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_household_has_its_head_and_members_and_reading_it_is_a_logged_read_of_each()
    {
        var household = await RegisterAsync("H0101", _zhang);
        Assert.Equal(HttpStatusCode.Created, await AddAsync(household, _wife, "spouse"));
        Assert.Equal(HttpStatusCode.Created, await AddAsync(household, _son, "child"));
        var before = await _host.QueryAsync(db => db.PersonReads.CountAsync(Ct));

        var read = await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/households/{household}?purpose=service_delivery", Ct);
        Assert.Equal(("H0101", "family", _rooms[0], Grid1), (read.GetProperty("number").GetString(), read.GetProperty("kind").GetString(),
            read.GetProperty("houseId").GetGuid(), read.GetProperty("orgPath").GetString()));
        var members = read.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal([(_zhang, "head"), (_wife, "spouse"), (_son, "child")], members.Select(m => (m.GetProperty("personId").GetGuid(), m.GetProperty("relation").GetString())));
        Assert.Equal(("王芳", "632801********0128"), (members[1].GetProperty("person").GetProperty("name").GetString(),
            members[1].GetProperty("person").GetProperty("documentNumber").GetString()));

        var reads = await _host.QueryAsync(db => db.PersonReads.OrderBy(r => r.Id).Skip(before).ToListAsync(Ct));
        Assert.Equal([_zhang, _wife, _son], reads.Select(r => r.PersonId!.Value).Order());
        Assert.All(reads, r => Assert.Equal(("household", "service_delivery", "gw-1"), (r.Action, r.Purpose, r.Reader)));

        var ofHouse = await _host.GridWorker().GetFromJsonAsync<JsonElement[]>($"/api/population/houses/{_rooms[0]}/households", Ct);
        var summary = Assert.Single(ofHouse!);
        Assert.Equal((household, _zhang, 3), (summary.GetProperty("id").GetGuid(), summary.GetProperty("headId").GetGuid(), summary.GetProperty("members").GetInt32()));
    }

    [Fact]
    public async Task A_person_is_in_one_household_at_a_time_and_a_repeated_add_answers_the_membership()
    {
        var first = await RegisterAsync("H0101", _zhang);
        var second = await RegisterAsync("H0201", _son, _rooms[1]);
        Assert.Equal(HttpStatusCode.Created, await AddAsync(first, _wife, "spouse"));
        Assert.Equal(HttpStatusCode.OK, await AddAsync(first, _wife, "spouse"));
        using var elsewhere = await _host.GridWorker().PostAsJsonAsync($"/api/population/households/{second}/members", new { personId = _wife, relation = "parent" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, elsewhere.StatusCode);
        Assert.Contains("PersonInOneHouseholdAtATime", await elsewhere.Content.ReadAsStringAsync(Ct));
        // A head of one household cannot head another.
        await RegisterAsync("H0301", _zhang, _rooms[1], HttpStatusCode.Conflict);

        // Once left, the person may join another; the first membership stays in the history.
        using var leave = await _host.GridWorker().PostAsJsonAsync($"/api/population/households/{first}/members/{_wife}/leave", new { reason = "left" }, Ct);
        Assert.Equal(HttpStatusCode.OK, leave.StatusCode);
        Assert.Equal(HttpStatusCode.Created, await AddAsync(second, _wife, "parent"));
        var history = await _host.QueryAsync(db => db.HouseholdMembers.Where(m => m.PersonId == _wife).OrderBy(m => m.RecordedAt).ToListAsync(Ct));
        Assert.Equal([(first, "left"), (second, null)], history.Select(m => (m.HouseholdId, m.LeftReason)));
    }

    [Fact]
    public async Task Two_households_taking_one_person_at_once_leave_one_membership()
    {
        var first = await RegisterAsync("H0101", _zhang);
        var second = await RegisterAsync("H0201", _son, _rooms[1]);
        var answers = await Task.WhenAll(new[] { first, second, first, second }.Select(h => AddAsync(h, _wife, "spouse")));
        Assert.Single(answers, s => s == HttpStatusCode.Created);
        var open = Assert.Single(await _host.QueryAsync(db => db.HouseholdMembers.Where(m => m.PersonId == _wife && m.LeftOn == null).ToListAsync(Ct)));
        // The same household again answers the membership; the other household is refused.
        Assert.All(answers.Where(s => s != HttpStatusCode.Created), s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(2, answers.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(1, await _host.QueryAsync(db => db.HouseholdMembers.CountAsync(m => m.PersonId == _wife, Ct)));
        Assert.Contains(open.HouseholdId, new[] { first, second });
    }

    [Fact]
    public async Task Changing_the_head_restates_every_relation_and_two_changes_at_once_leave_one_head()
    {
        var household = await RegisterAsync("H0101", _zhang);
        await AddAsync(household, _wife, "spouse");
        await AddAsync(household, _son, "child");
        using var missing = await _host.GridWorker().PostAsJsonAsync($"/api/population/households/{household}/head",
            new { personId = _son, relations = new[] { new { personId = _zhang, relation = "parent" } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("relations", out _));

        var toSon = new { personId = _son, relations = new[] { new { personId = _zhang, relation = "parent" }, new { personId = _wife, relation = "parent" } } };
        var toWife = new { personId = _wife, relations = new[] { new { personId = _zhang, relation = "spouse" }, new { personId = _son, relation = "child" } } };
        var answers = await Task.WhenAll(new object[] { toSon, toWife }.Select(async body =>
        {
            using var r = await _host.GridWorker().PostAsJsonAsync($"/api/population/households/{household}/head", body, Ct);
            return r.StatusCode;
        }));
        Assert.Contains(HttpStatusCode.OK, answers);
        Assert.All(answers.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        var heads = await _host.QueryAsync(db => db.HouseholdMembers.Where(m => m.HouseholdId == household && m.Relation == "head" && m.LeftOn == null).ToListAsync(Ct));
        Assert.Single(heads);
        var relations = await _host.QueryAsync(db => db.HouseholdMembers.Where(m => m.HouseholdId == household).ToDictionaryAsync(m => m.PersonId, m => m.Relation, Ct));
        Assert.Equal(heads[0].PersonId == _son ? "parent" : "spouse", relations[_zhang]);
    }

    [Fact]
    public async Task The_head_leaves_last_and_a_member_leaving_keeps_the_history()
    {
        var household = await RegisterAsync("H0101", _zhang);
        await AddAsync(household, _son, "child");
        using var head = await _host.GridWorker().PostAsJsonAsync($"/api/population/households/{household}/members/{_zhang}/leave", new { }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, head.StatusCode);
        Assert.Contains("HeadLeavesLast", await head.Content.ReadAsStringAsync(Ct));
        using var son = await _host.GridWorker().PostAsJsonAsync($"/api/population/households/{household}/members/{_son}/leave", new { reason = "deceased" }, Ct);
        Assert.Equal(HttpStatusCode.OK, son.StatusCode);
        using var again = await _host.GridWorker().PostAsJsonAsync($"/api/population/households/{household}/members/{_son}/leave", new { reason = "deceased" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        var read = await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/households/{household}", Ct);
        var former = read.GetProperty("members").EnumerateArray().Last();
        Assert.Equal((_son, "deceased"), (former.GetProperty("personId").GetGuid(), former.GetProperty("leftReason").GetString()));
    }

    [Fact]
    public async Task A_number_is_unique_in_its_org_even_when_two_register_at_once()
    {
        var answers = await Task.WhenAll(new[] { _zhang, _son }.Select(async head =>
        {
            using var r = await _host.GridWorker().PostAsJsonAsync("/api/population/households", new { number = "H0101", kind = "family", houseId = _rooms[0], headId = head }, Ct);
            return r.StatusCode;
        }));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Order());
        Assert.Equal(1, await _host.QueryAsync(db => db.Households.CountAsync(Ct)));
        Assert.Equal(1, await _host.QueryAsync(db => db.HouseholdMembers.CountAsync(Ct)));
    }

    [Fact]
    public async Task Out_of_reach_reads_as_absent_bad_input_names_its_field_and_a_reader_may_not_register()
    {
        var (_, otherRooms) = await Homes.RoomsAsync(_host, 1, OtherCommunity, code: "09");
        using var house = await _host.GridWorker().PostAsJsonAsync("/api/population/households", new { number = "H1", kind = "family", houseId = otherRooms[0], headId = _zhang }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, house.StatusCode);
        using var reader = await _host.Investigator().PostAsJsonAsync("/api/population/households", new { number = "H1", kind = "family", houseId = _rooms[0], headId = _zhang }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        foreach (var (body, field) in new (object, string)[]
        {
            (new { number = "H 1", kind = "family", houseId = _rooms[0], headId = _zhang }, "number"),
            (new { number = "H1", kind = "clan", houseId = _rooms[0], headId = _zhang }, "kind"),
            (new { number = "H1", kind = "family", houseId = _rooms[0] }, "headId"),
            (new { number = "H1", kind = "collective", headId = _zhang }, "houseId"),
        })
        {
            using var bad = await _host.GridWorker().PostAsJsonAsync("/api/population/households", body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Equal(0, await _host.QueryAsync(db => db.Households.CountAsync(Ct)));

        var household = await RegisterAsync("H0101", _zhang);
        Assert.Equal(HttpStatusCode.BadRequest, await AddAsync(household, _son, "head"));
        using var outside = await _host.GridWorker(OtherCommunity).GetAsync($"/api/population/households/{household}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Moving_in_names_the_household_the_person_belongs_to_when_it_lives_there()
    {
        var household = await RegisterAsync("H0101", _zhang);
        (await Homes.MoveInAsync(_host.GridWorker(), _zhang, _rooms[0])).EnsureSuccessStatusCode();
        var moved = await _host.Events.WaitForAsync<PersonMovedIn>(e => e.PersonId == _zhang);
        Assert.Equal(household, moved.HouseholdId);
        // Living apart from the household's house (人户分离): the move names no household.
        (await Homes.MoveInAsync(_host.GridWorker(), _zhang, _rooms[1])).EnsureSuccessStatusCode();
        Assert.Null((await _host.Events.WaitForAsync<PersonMovedIn>(e => e.PersonId == _zhang && e.HouseId == _rooms[1])).HouseholdId);
    }
}
