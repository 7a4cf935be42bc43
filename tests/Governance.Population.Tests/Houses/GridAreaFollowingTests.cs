using System.Net.Http.Json;
using Governance.Contracts.Grid;
using Governance.Contracts.Population;
using Governance.Population.Houses;
using Governance.Population.Tests.Infrastructure;
using Governance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Houses;

/// <summary>
/// The grid's sub-levels become houses at the same levels with the same codes, by grid's events on the host's bus:
/// in any order, each at least once, an older one arriving late changing nothing.
/// </summary>
public sealed class GridAreaFollowingTests : IAsyncLifetime
{
    private const string GridCode = "632801001002001";
    private static readonly DateTime T0 = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        _host.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId ?? NewId.NextGuid(), Ct);

    private static GridAreaRegistered Area(Guid id, string kind, string code, string name, Guid? parent = null, DateTime? at = null) =>
        new(id, GridCode, Grid1, kind, code, name, parent, 36.4, 94.9, at ?? T0);

    private async Task<House> HouseOfAsync(Guid areaId, Func<House, bool>? until = null)
    {
        House? house = null;
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            house = await _host.QueryAsync(db => db.Houses.AsNoTracking().SingleOrDefaultAsync(h => h.GridAreaId == areaId, Ct));
            return house is not null && (until is null || until(house));
        }, Ct), $"No house followed grid area {areaId}.");
        return house!;
    }

    [Fact]
    public async Task A_compound_its_building_and_unit_become_houses_with_the_same_codes_even_when_the_children_arrive_first()
    {
        var (compound, building, unit) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // The unit and the building before their compound: each is retried by the bus until its parent has arrived.
        await PublishAsync(Area(unit, "unit", "2", "2单元", building));
        await PublishAsync(Area(building, "building", "3", "3号楼", compound));
        await PublishAsync(Area(compound, "compound", "07", "金峰小区"));

        var c = await HouseOfAsync(compound);
        var b = await HouseOfAsync(building);
        var u = await HouseOfAsync(unit);
        Assert.Equal(("compound", "07", (Guid?)null, Grid1, GridCode, GridAreaFollower.GridSubject), (c.Kind, c.Code, c.ParentId, c.OrgPath, c.GridCode, c.RegisteredBy));
        Assert.Equal(("building", "3", (Guid?)c.Id, Grid1), (b.Kind, b.Code, b.ParentId, b.OrgPath));
        Assert.Equal(("unit", "2", (Guid?)b.Id), (u.Kind, u.Code, u.ParentId));
        var published = await _host.Events.WaitForAsync<HouseRegistered>(e => e.HouseId == u.Id);
        Assert.Equal(("unit", "2", GridCode), (published.Kind, published.Code, published.GridCode));

        // Workers register rooms under the followed unit as under any other.
        using var room = await _host.GridWorker().PostAsJsonAsync("/api/population/houses",
            new { kind = "room", code = "0502", name = "502室", parentId = u.Id, use = "residential", occupancy = "vacant" }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, room.StatusCode);
    }

    [Fact]
    public async Task A_redelivered_or_late_event_changes_nothing_and_a_change_may_come_first()
    {
        var compound = Guid.NewGuid();
        var registered = Area(compound, "compound", "08", "旧名小区", at: T0);
        // The rename happened after the registration but arrives first: it creates the house on its own.
        await PublishAsync(new GridAreaChanged(compound, GridCode, Grid1, "compound", "08", "新名家园", null, null, null, T0.AddMinutes(5)));
        var renamed = await HouseOfAsync(compound);
        Assert.Equal(("新名家园", (double?)null), (renamed.Name, renamed.Latitude));

        var messageId = NewId.NextGuid();
        await PublishAsync(registered, messageId);
        await PublishAsync(registered, messageId); // redelivered: the inbox drops it
        await PublishAsync(registered);            // published twice: applied as a snapshot, older than what is held
        // Published after them on the same queue, which is consumed in order: once it is applied, so are they.
        var sentinel = Guid.NewGuid();
        await PublishAsync(Area(sentinel, "compound", "99", "哨兵"));
        await HouseOfAsync(sentinel);


        var house = Assert.Single(await _host.QueryAsync(db => db.Houses.AsNoTracking().Where(h => h.Code == "08").ToListAsync(Ct)));
        Assert.Equal("新名家园", house.Name);
    }

    [Fact]
    public async Task A_compound_a_worker_registered_by_hand_with_the_same_code_is_adopted_not_repeated()
    {
        using var byHand = await _host.GridWorker().PostAsJsonAsync("/api/population/houses",
            new { kind = "compound", code = "11", name = "手工小区", orgPath = Grid1 }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, byHand.StatusCode);
        var area = Guid.NewGuid();
        await PublishAsync(Area(area, "compound", "11", "网格小区"));
        var adopted = await HouseOfAsync(area);
        Assert.Equal("网格小区", adopted.Name);
        Assert.Equal(1, await _host.QueryAsync(db => db.Houses.CountAsync(h => h.Code == "11", Ct)));
    }
}
