using Governance.Contracts.Population;
using Governance.Messaging.Outbox;
using Governance.Population.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Governance.Population.Houses;

/// <summary>
/// Keeps the houses at the grid's sub-levels (compound, building, unit) in step with the grid service: the same
/// level under the same parent with the same code, renamed and re-pointed when the grid changes them. Rooms are
/// population's own. Each grid event carries the whole area, so it is applied as a snapshot: the first to arrive
/// creates the house (or adopts one a worker registered by hand at that place with that code), an older one arriving
/// late changes nothing. A child whose parent has not arrived yet waits in <see cref="PendingGridArea"/> and is
/// applied with its parent.
/// </summary>
public sealed class GridAreaFollower(PopulationDb db, TimeProvider clock, ILogger<GridAreaFollower> logger)
{
    /// <summary>Who registered the houses made from grid's events.</summary>
    public const string GridSubject = "grid";

    public sealed record AreaSnapshot(Guid AreaId, string GridCode, string OrgPath, string Kind, string Code, string Name, Guid? ParentId,
        double? Latitude, double? Longitude, DateTime OccurredAt);

    public async Task ApplyAsync(AreaSnapshot area, CancellationToken ct)
    {
        // Local too: a parent made earlier in this call (its held children are applied before anything is saved).
        var house = db.Houses.Local.FirstOrDefault(h => h.GridAreaId == area.AreaId)
            ?? await db.Houses.FirstOrDefaultAsync(h => h.GridAreaId == area.AreaId, ct);
        if (house is not null)
        {
            if (house.GridSyncedAt >= area.OccurredAt) return;
            Follow(house, area);
            return;
        }
        House? parent = null;
        if (area.ParentId is { } parentArea)
        {
            parent = db.Houses.Local.FirstOrDefault(h => h.GridAreaId == parentArea)
                ?? await db.Houses.FirstOrDefaultAsync(h => h.GridAreaId == parentArea, ct);
            if (parent is null)
            {
                await HoldAsync(area, parentArea, ct);
                return;
            }
        }
        var org = parent?.OrgPath ?? area.OrgPath;
        var atPlace = parent is not null
            ? await db.Houses.FirstOrDefaultAsync(h => h.ParentId == parent.Id && h.Code == area.Code, ct)
            : await db.Houses.FirstOrDefaultAsync(h => h.ParentId == null && h.OrgPath == org && h.Code == area.Code, ct);
        if (atPlace is not null)
        {
            if (atPlace.Kind != area.Kind || atPlace.GridAreaId is not null)
            {
                // A worker registered another kind of house at this place with this code: a person must decide which is right.
                logger.LogWarning("Grid area {AreaId} ({Kind} {Code} in grid {Grid}) clashes with house {HouseId} ({HouseKind}); not followed",
                    area.AreaId, area.Kind, area.Code, area.GridCode, atPlace.Id, atPlace.Kind);
                return;
            }
            atPlace.GridAreaId = area.AreaId;
            Follow(atPlace, area);
            await ChildrenHeldForAsync(area.AreaId, ct);
            return;
        }
        house = new House
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), Kind = area.Kind, Code = area.Code, Name = area.Name, ParentId = parent?.Id, OrgPath = org,
            GridAreaId = area.AreaId, RegisteredAt = area.OccurredAt, RegisteredBy = GridSubject,
        };
        Follow(house, area);
        db.Houses.Add(house);
        db.AddToOutbox(new HouseRegistered(house.Id, house.Kind, house.Code, house.ParentId, house.GridCode, house.OrgPath, area.OccurredAt), house.Id.ToString());
        await ChildrenHeldForAsync(area.AreaId, ct);
    }

    private async Task HoldAsync(AreaSnapshot area, Guid parentArea, CancellationToken ct)
    {
        var held = await db.Set<PendingGridArea>().FindAsync([area.AreaId], ct);
        if (held is null)
        {
            db.Add(new PendingGridArea
            {
                AreaId = area.AreaId, ParentAreaId = parentArea, GridCode = area.GridCode, OrgPath = area.OrgPath, Kind = area.Kind, Code = area.Code,
                Name = area.Name, Latitude = area.Latitude, Longitude = area.Longitude, OccurredAt = area.OccurredAt,
            });
            return;
        }
        if (held.OccurredAt >= area.OccurredAt) return;
        (held.Name, held.Latitude, held.Longitude, held.OccurredAt) = (area.Name, area.Latitude, area.Longitude, area.OccurredAt);
    }

    /// <summary>The children that arrived before <paramref name="parentArea"/>, applied now that its house is there (tracked, saved together).</summary>
    private async Task ChildrenHeldForAsync(Guid parentArea, CancellationToken ct)
    {
        var held = await db.Set<PendingGridArea>().Where(p => p.ParentAreaId == parentArea).ToListAsync(ct);
        foreach (var child in held)
        {
            db.Remove(child);
            await ApplyAsync(child.ToSnapshot(), ct);
        }
    }

    private static void Follow(House house, AreaSnapshot area)
    {
        house.Name = area.Name.Length > House.MaxNameLength ? area.Name[..House.MaxNameLength] : area.Name;
        (house.Latitude, house.Longitude) = (area.Latitude, area.Longitude);
        house.GridCode = area.GridCode;
        house.GridSyncedAt = area.OccurredAt;
    }
}
