using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;
using Governance.Population.Tests.Moves;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Edits;

/// <summary>Edits of persons and houses on real PostgreSQL: only the fields given, a stale version refused, numbers kept encrypted.</summary>
public sealed class EditTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, Ct);

    [Fact]
    public async Task A_person_edit_changes_only_the_fields_given_and_bumps_the_version()
    {
        var id = await People.RegisterAsync(_host.GridWorker(), People.Registered());
        using var response = await PatchAsync(_host.GridWorker(), $"/api/population/persons/{id}", new
        {
            version = 1, name = "张三丰", phone = "13900001111",
            residence = new { status = "floating", permitNumber = "QH2026000999", validFrom = "2026-01-01", validUntil = "2027-01-01" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("张三丰", "139****1111", "floating", "********0999", 2), (view.GetProperty("name").GetString(), view.GetProperty("phone").GetString(),
            view.GetProperty("residence").GetProperty("status").GetString(), view.GetProperty("residence").GetProperty("permitNumber").GetString(),
            view.GetProperty("version").GetInt32()));

        using var clear = await PatchAsync(_host.GridWorker(), $"/api/population/persons/{id}", new { version = 2, phone = "" });
        var cleared = await clear.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((JsonValueKind.Null, "张三丰", 3), (cleared.GetProperty("phone").ValueKind, cleared.GetProperty("name").GetString(), cleared.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_of_two_edits_at_once_one_wins()
    {
        var id = await People.RegisterAsync(_host.GridWorker(), People.Registered());
        (await PatchAsync(_host.GridWorker(), $"/api/population/persons/{id}", new { version = 1, name = "甲" })).EnsureSuccessStatusCode();
        using var stale = await PatchAsync(_host.GridWorker(), $"/api/population/persons/{id}", new { version = 1, name = "乙" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("StaleVersion", await stale.Content.ReadAsStringAsync(Ct));

        var answers = await Task.WhenAll(new[] { "丙", "丁", "戊" }.Select(async name =>
        {
            using var r = await PatchAsync(_host.GridWorker(), $"/api/population/persons/{id}", new { version = 2, name });
            return r.StatusCode;
        }));
        Assert.Single(answers, s => s == HttpStatusCode.OK);
        Assert.All(answers.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Equal(3, await _host.QueryAsync(db => db.Persons.Where(p => p.Id == id).Select(p => p.Version).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Bad_person_edits_name_their_field_and_out_of_reach_reads_as_absent()
    {
        var id = await People.RegisterAsync(_host.GridWorker(), People.Registered());
        foreach (var (body, field) in new (object, string)[]
        {
            (new { name = "x" }, "version"), (new { version = 1, name = " " }, "name"), (new { version = 1, phone = "12" }, "phone"),
            (new { version = 1, residence = new { status = "foreign" } }, "residence.status"),
            (new { version = 1, residence = new { status = "floating" } }, "residence.permitNumber"),
        })
        {
            using var bad = await PatchAsync(_host.GridWorker(), $"/api/population/persons/{id}", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        using var outside = await PatchAsync(_host.GridWorker(OtherCommunity), $"/api/population/persons/{id}", new { version = 1, name = "x" });
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        using var reader = await PatchAsync(_host.Investigator(), $"/api/population/persons/{id}", new { version = 1, name = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        var stored = await _host.QueryAsync(db => db.Persons.SingleAsync(p => p.Id == id, Ct));
        Assert.Equal(("张三", 1), (stored.Name, stored.Version));
    }

    [Fact]
    public async Task A_house_edit_changes_its_fields_and_a_rooms_occupancy_follows_its_residents_after_a_hand_set()
    {
        var (unit, rooms) = await Homes.RoomsAsync(_host, 1);
        using var edit = await PatchAsync(_host.GridWorker(), $"/api/population/houses/{rooms[0]}", new { version = 1, name = "101室(出租)", use = "rental", occupancy = "occupied", address = "幸福路1号3栋101" });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var view = await edit.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("101室(出租)", "rental", "occupied", 2), (view.GetProperty("name").GetString(), view.GetProperty("use").GetString(),
            view.GetProperty("occupancy").GetString(), view.GetProperty("version").GetInt32()));
        using var stale = await PatchAsync(_host.GridWorker(), $"/api/population/houses/{rooms[0]}", new { version = 1, name = "x" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var unitOccupancy = await PatchAsync(_host.GridWorker(), $"/api/population/houses/{unit}", new { version = 1, occupancy = "vacant" });
        Assert.Equal(HttpStatusCode.BadRequest, unitOccupancy.StatusCode);
        using var outside = await PatchAsync(_host.GridWorker(OtherCommunity), $"/api/population/houses/{rooms[0]}", new { version = 2, name = "x" });
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);

        // Someone moves in and out: the last to leave makes it vacant, whatever was set by hand; the version stays.
        var person = await Homes.PersonAsync(_host, 31);
        (await Homes.MoveInAsync(_host.GridWorker(), person, rooms[0])).EnsureSuccessStatusCode();
        (await _host.GridWorker().PostAsJsonAsync($"/api/population/persons/{person}/move-out", new { reason = "moved" }, Ct)).EnsureSuccessStatusCode();
        var room = await _host.QueryAsync(db => db.Houses.SingleAsync(h => h.Id == rooms[0], Ct));
        Assert.Equal(("vacant", 2), (room.Occupancy, room.Version));
    }
}
