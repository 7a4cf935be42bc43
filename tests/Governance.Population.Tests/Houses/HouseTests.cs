using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Contracts.Population;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Houses;

/// <summary>Houses, compound → building → unit → room, on real PostgreSQL: each level under its parent, scoped by org.</summary>
public sealed class HouseTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> RegisterAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/population/houses", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<(Guid Compound, Guid Building, Guid Unit)> CompoundAsync(string org = Grid1)
    {
        var worker = _host.GridWorker(org);
        var compound = (await RegisterAsync(worker, new { kind = "compound", code = "01", name = "幸福小区", orgPath = org, address = "幸福路1号", use = "residential" }))
            .GetProperty("id").GetGuid();
        var building = (await RegisterAsync(worker, new { kind = "building", code = "3", name = "3栋", parentId = compound, latitude = 36.62, longitude = 101.78 }))
            .GetProperty("id").GetGuid();
        var unit = (await RegisterAsync(worker, new { kind = "unit", code = "1", name = "1单元", parentId = building })).GetProperty("id").GetGuid();
        return (compound, building, unit);
    }

    [Fact]
    public async Task Each_level_registers_under_its_parent_and_inherits_its_org()
    {
        var (compound, building, unit) = await CompoundAsync();
        var room = await RegisterAsync(_host.GridWorker(), new { kind = "room", code = "0502", name = "502室", parentId = unit, use = "rental", occupancy = "occupied" });
        Assert.Equal(("room", "0502", Grid1, "rental", "occupied"), (room.GetProperty("kind").GetString(), room.GetProperty("code").GetString(),
            room.GetProperty("orgPath").GetString(), room.GetProperty("use").GetString(), room.GetProperty("occupancy").GetString()));
        Assert.Equal(unit, room.GetProperty("parentId").GetGuid());

        var read = await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/houses/{building}", Ct);
        Assert.Equal(("3栋", compound, 36.62), (read.GetProperty("name").GetString(), read.GetProperty("parentId").GetGuid(), read.GetProperty("latitude").GetDouble()));
        var children = await _host.GridWorker().GetFromJsonAsync<JsonElement[]>($"/api/population/houses/{unit}/children", Ct);
        Assert.Equal([room.GetProperty("id").GetGuid()], children!.Select(c => c.GetProperty("id").GetGuid()));
        var top = await _host.GridWorker().GetFromJsonAsync<JsonElement[]>($"/api/population/houses?org={Community}", Ct);
        Assert.Equal([compound], top!.Select(c => c.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Each_registered_house_is_published_with_ids_and_codes_only()
    {
        var (compound, building, _) = await CompoundAsync();
        var published = await _host.Events.WaitForAsync<HouseRegistered>(e => e.HouseId == building);
        Assert.Equal(("building", "3", (Guid?)compound, Grid1), (published.Kind, published.Code, published.ParentId, published.OrgPath));
        Assert.Single(await _host.Events.AllAsync<HouseRegistered>(e => e.HouseId == compound));
        // A refused registration publishes nothing.
        using var twice = await _host.GridWorker().PostAsJsonAsync("/api/population/houses", new { kind = "building", code = "3", name = "又一个3栋", parentId = compound }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Single(await _host.Events.AllAsync<HouseRegistered>(e => e.ParentId == compound && e.Code == "3"));
    }

    [Fact]
    public async Task A_room_sits_straight_in_a_building_without_units_and_a_building_may_stand_alone()
    {
        var building = (await RegisterAsync(_host.GridWorker(), new { kind = "building", code = "B7", name = "独栋7号", orgPath = Grid1, use = "mixed" }))
            .GetProperty("id").GetGuid();
        var room = await RegisterAsync(_host.GridWorker(), new { kind = "room", code = "101", name = "101", parentId = building, use = "commercial", occupancy = "vacant" });
        Assert.Equal(Grid1, room.GetProperty("orgPath").GetString());
    }

    [Fact]
    public async Task The_same_code_twice_at_one_place_is_refused_but_not_at_another()
    {
        var (compound, _, _) = await CompoundAsync();
        using var twice = await _host.GridWorker().PostAsJsonAsync("/api/population/houses", new { kind = "building", code = "3", name = "又一个3栋", parentId = compound }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        using var topTwice = await _host.GridWorker().PostAsJsonAsync("/api/population/houses", new { kind = "compound", code = "01", name = "另一个", orgPath = Grid1 }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, topTwice.StatusCode);
        Assert.Equal(3, await _host.QueryAsync(db => db.Houses.CountAsync(Ct)));
        // The same code in another compound, or at the top of another org, is another house.
        await RegisterAsync(_host.GridWorker(Community), new { kind = "compound", code = "01", name = "和平小区", orgPath = Community });
        Assert.Equal(4, await _host.QueryAsync(db => db.Houses.CountAsync(Ct)));
    }

    [Fact]
    public async Task Two_registrations_of_one_code_at_once_leave_one_house()
    {
        var (_, building, _) = await CompoundAsync();
        var body = new { kind = "unit", code = "2", name = "2单元", parentId = building };
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await _host.GridWorker().PostAsJsonAsync("/api/population/houses", body, Ct);
            return response.StatusCode;
        }));
        Assert.Single(answers, s => s == HttpStatusCode.Created);
        Assert.All(answers.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Equal(1, await _host.QueryAsync(db => db.Houses.CountAsync(h => h.ParentId == building && h.Code == "2", Ct)));
    }

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"kind":"villa","code":"01","name":"x","orgPath":"632801/001/002/001"}""", "kind" },
        { """{"kind":"compound","code":" ","name":"x","orgPath":"632801/001/002/001"}""", "code" },
        { """{"kind":"compound","code":"0 1","name":"x","orgPath":"632801/001/002/001"}""", "code" },
        { """{"kind":"compound","code":"01","name":"","orgPath":"632801/001/002/001"}""", "name" },
        { """{"kind":"compound","code":"01","name":"x","orgPath":"632801//001"}""", "orgPath" },
        { """{"kind":"compound","code":"01","name":"x"}""", "orgPath" },
        { """{"kind":"compound","code":"01","name":"x","orgPath":"632801/001/002/001","use":"industrial"}""", "use" },
        { """{"kind":"compound","code":"01","name":"x","orgPath":"632801/001/002/001","occupancy":"vacant"}""", "occupancy" },
        { """{"kind":"compound","code":"01","name":"x","orgPath":"632801/001/002/001","latitude":36.6}""", "latitude" },
        { """{"kind":"compound","code":"01","name":"x","orgPath":"632801/001/002/001","latitude":36.6,"longitude":181}""", "longitude" },
        { """{"kind":"unit","code":"1","name":"x","orgPath":"632801/001/002/001"}""", "parentId" },
        { """{"kind":"building","code":"1","name":"x","parentId":"0190a000-0000-7000-8000-000000000000"}""", "parentId" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Bad_input_is_answered_naming_the_field_and_nothing_is_written(string body, string field)
    {
        using var response = await _host.GridWorker().PostAsync("/api/population/houses", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await _host.QueryAsync(db => db.Houses.CountAsync(Ct)));
    }

    public static TheoryData<string, string> BadChildren => new()
    {
        { """{"kind":"room","code":"1","name":"x","parentId":"{compound}","use":"rental","occupancy":"occupied"}""", "parentId" },
        { """{"kind":"unit","code":"1","name":"x","parentId":"{compound}"}""", "parentId" },
        { """{"kind":"building","code":"9","name":"x","parentId":"{compound}","orgPath":"632801/001/002"}""", "orgPath" },
        { """{"kind":"room","code":"1","name":"x","parentId":"{unit}","occupancy":"occupied"}""", "use" },
        { """{"kind":"room","code":"1","name":"x","parentId":"{unit}","use":"rental"}""", "occupancy" },
        { """{"kind":"room","code":"1","name":"x","parentId":"{unit}","use":"rental","occupancy":"full"}""", "occupancy" },
    };

    [Theory]
    [MemberData(nameof(BadChildren))]
    public async Task A_level_in_the_wrong_parent_or_without_its_rooms_fields_is_refused(string body, string field)
    {
        var (compound, _, unit) = await CompoundAsync();
        body = body.Replace("{compound}", compound.ToString()).Replace("{unit}", unit.ToString());
        using var response = await _host.GridWorker().PostAsync("/api/population/houses", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(3, await _host.QueryAsync(db => db.Houses.CountAsync(Ct)));
    }

    [Fact]
    public async Task Org_scope_holds_on_every_read_and_write()
    {
        var (compound, building, _) = await CompoundAsync(OtherCommunity);
        var worker = _host.GridWorker(); // Grid1, in the other community's sibling

        using var outside = await worker.PostAsJsonAsync("/api/population/houses", new { kind = "compound", code = "02", name = "x", orgPath = OtherCommunity }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        using var underOutside = await worker.PostAsJsonAsync("/api/population/houses", new { kind = "building", code = "9", name = "x", parentId = compound }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, underOutside.StatusCode); // the parent reads as absent
        using var investigator = await _host.Investigator().PostAsJsonAsync("/api/population/houses", new { kind = "compound", code = "03", name = "x", orgPath = Grid1 }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, investigator.StatusCode);
        Assert.Contains("population.register", await investigator.Content.ReadAsStringAsync(Ct));

        using var get = await worker.GetAsync($"/api/population/houses/{building}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var children = await worker.GetAsync($"/api/population/houses/{compound}/children", Ct);
        Assert.Equal(HttpStatusCode.NotFound, children.StatusCode);
        Assert.Empty((await worker.GetFromJsonAsync<JsonElement[]>("/api/population/houses", Ct))!);
        // The county's investigator reads (population.read) what the grid worker may not.
        Assert.Single((await _host.Investigator().GetFromJsonAsync<JsonElement[]>($"/api/population/houses?org={OtherCommunity}", Ct))!);
        Assert.Equal(3, await _host.QueryAsync(db => db.Houses.CountAsync(Ct)));
    }

    [Fact]
    public async Task Lists_refuse_a_bad_page_or_org_naming_it()
    {
        var (compound, _, _) = await CompoundAsync();
        foreach (var (url, field) in new[]
        {
            ("/api/population/houses?limit=0", "limit"), ("/api/population/houses?offset=-1", "offset"), ("/api/population/houses?org=a/b", "org"),
            ($"/api/population/houses/{compound}/children?limit=201", "limit"),
        })
        {
            using var response = await _host.GridWorker().GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _), url);
        }
        using var missing = await _host.GridWorker().GetAsync($"/api/population/houses/{Guid.CreateVersion7()}/children", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
