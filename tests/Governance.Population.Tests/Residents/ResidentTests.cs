using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;
using Governance.Population.Tests.Moves;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Residents;

/// <summary>Residents of a house (and the houses below it), masked and logged; figures per grid or community.</summary>
public sealed class ResidentTests : IAsyncLifetime
{
    private PopulationHost _host = null!;
    private Guid _unit;
    private Guid[] _rooms = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await PopulationHost.StartAsync();
        (_unit, _rooms) = await Homes.RoomsAsync(_host, 2);
        var zhang = await Homes.PersonAsync(_host, 21, "张三");
        var li = await People.RegisterAsync(_host.GridWorker(), People.Floating());
        var smith = await People.RegisterAsync(_host.GridWorker(), new
        {
            name = "John Smith", documentType = "passport", documentNumber = "E12345678", residence = new { status = "foreign" }, orgPath = Grid1,
        });
        await Homes.PersonAsync(_host, 22, "赵六", Community); // in the community, in no recorded house
        foreach (var (person, room) in new[] { (zhang, _rooms[0]), (li, _rooms[0]), (smith, _rooms[1]) })
            (await Homes.MoveInAsync(_host.GridWorker(), person, room)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_residents_of_a_unit_are_those_of_its_rooms_masked_counted_and_each_read_logged()
    {
        var before = await _host.QueryAsync(db => db.PersonReads.CountAsync(Ct));
        var unit = await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/houses/{_unit}/residents?purpose=service_delivery", Ct);
        var counts = unit.GetProperty("counts");
        Assert.Equal((1, 1, 1, 3), (counts.GetProperty("registered").GetInt32(), counts.GetProperty("floating").GetInt32(),
            counts.GetProperty("foreign").GetInt32(), counts.GetProperty("total").GetInt32()));
        var residents = unit.GetProperty("residents").EnumerateArray().ToList();
        Assert.Equal(["John Smith", "张三", "李四"], residents.Select(r => r.GetProperty("person").GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("110105********002X", residents.Select(r => r.GetProperty("person").GetProperty("documentNumber").GetString()));
        var reads = await _host.QueryAsync(db => db.PersonReads.OrderBy(r => r.Id).Skip(before).ToListAsync(Ct));
        Assert.Equal(3, reads.Count);
        Assert.All(reads, r => Assert.Equal(("residents", "service_delivery"), (r.Action, r.Purpose)));

        var room = await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/houses/{_rooms[0]}/residents?limit=1", Ct);
        Assert.Equal(2, room.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Single(room.GetProperty("residents").EnumerateArray());
    }

    [Fact]
    public async Task Counts_per_grid_and_community_within_reach()
    {
        var rows = await _host.GridWorker(Community).GetFromJsonAsync<JsonElement[]>($"/api/population/residents/counts?org={Community}", Ct);
        Assert.Equal([(Community, 1, 0, 0, 1, 0), (Grid1, 1, 1, 1, 3, 3)], rows!.Select(r => (r.GetProperty("orgPath").GetString(),
            r.GetProperty("registered").GetInt32(), r.GetProperty("floating").GetInt32(), r.GetProperty("foreign").GetInt32(),
            r.GetProperty("total").GetInt32(), r.GetProperty("housed").GetInt32())));
        // A grid worker of the grid sees only the grid's figures; another community's worker none.
        Assert.Single((await _host.GridWorker().GetFromJsonAsync<JsonElement[]>("/api/population/residents/counts", Ct))!);
        Assert.Empty((await _host.GridWorker(OtherCommunity).GetFromJsonAsync<JsonElement[]>("/api/population/residents/counts", Ct))!);
        using var bad = await _host.GridWorker().GetAsync("/api/population/residents/counts?org=a//b", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_house_out_of_reach_reads_as_absent_and_a_bad_page_names_its_field()
    {
        using var outside = await _host.GridWorker(OtherCommunity).GetAsync($"/api/population/houses/{_unit}/residents", Ct);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        using var bad = await _host.GridWorker().GetAsync($"/api/population/houses/{_unit}/residents?limit=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("limit", out _));
    }
}
