using Governance.Contracts.Population;
using Governance.Messaging.Outbox;
using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Houses;

/// <summary>
/// Registers and reads houses. Every field is checked before anything is written; each write needs
/// population.register and each read population.read over the house's org. A house out of reach reads as absent.
/// </summary>
public sealed class HouseRegistry(PopulationDb db, RolePermissions permissions, GridPlacement placement, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public async Task<House> RegisterAsync(Caller caller, HouseRequest request, CancellationToken ct)
    {
        var (kind, code, name, address, use, occupancy, latitude, longitude) = HouseChecks.Check(request);
        var org = await PlaceAsync(caller, kind, request, ct);
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, org, ct);
        var taken = request.ParentId is { } parentId
            ? await db.Houses.AnyAsync(h => h.ParentId == parentId && h.Code == code, ct)
            : await db.Houses.AnyAsync(h => h.ParentId == null && h.OrgPath == org.Value && h.Code == code, ct);
        if (taken) throw CodeTaken(code);
        var gridCode = latitude is { } lat && longitude is { } lng ? await placement.GridOfAsync(lat, lng, org, ct) : null;
        var house = new House
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), Kind = kind, Code = code, Name = name, ParentId = request.ParentId, OrgPath = org.Value,
            Address = address, Use = use, Occupancy = occupancy, Latitude = latitude, Longitude = longitude, GridCode = gridCode,
            RegisteredAt = clock.GetUtcNow().UtcDateTime, RegisteredBy = caller.Subject,
        };
        db.Houses.Add(house);
        db.AddToOutbox(new HouseRegistered(house.Id, kind, code, house.ParentId, gridCode, house.OrgPath, house.RegisteredAt), house.Id.ToString());
        // Held against org moves: a move of the org (a parent's included) committed meanwhile refuses the house.
        await Governance.Population.Org.PopulationOrgPaths.SaveAtCurrentPathAsync(db, house.OrgPath, request.ParentId is null ? "orgPath" : "parentId", () => CodeTaken(code), ct);
        return house;
    }

    /// <summary>
    /// The org the new house lies in: the one given for a top-level house, its parent's below (a compound lies in one
    /// grid or community, as the grid's sub-levels do). A parent out of the caller's reach reads as absent.
    /// </summary>
    private async Task<OrgPath> PlaceAsync(Caller caller, string kind, HouseRequest request, CancellationToken ct)
    {
        if (request.ParentId is not { } parentId)
        {
            HouseChecks.CheckPlace(kind, null);
            if (!Governance.ServiceDefaults.Auth.OrgPath.TryParse(request.OrgPath, out var given))
                throw DomainException.Invalid("orgPath", "Give the org path of the grid or community the house lies in (codes separated by '/').");
            await Governance.Population.Org.PopulationOrgPaths.EnsureCurrentAsync(db, given.Value, "orgPath", ct);
            return given;
        }
        var parent = await db.Houses.AsNoTracking().FirstOrDefaultAsync(h => h.Id == parentId, ct);
        if (parent is null || !await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, Org(parent), ct))
            throw DomainException.Invalid("parentId", $"No house {parentId} within your reach.");
        HouseChecks.CheckPlace(kind, parent.Kind);
        if (request.OrgPath is not null && request.OrgPath != parent.OrgPath)
            throw DomainException.Invalid("orgPath", "A house lies in its parent's org: leave the org path out.");
        return Org(parent);
    }

    private static DomainException CodeTaken(string code) => HouseChecks.CodeTaken(code);

    public async Task<House> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var house = await db.Houses.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, ct);
        return house is not null && await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, Org(house), ct) ? house
            : throw DomainException.NotFound($"No house {id} within your reach.");
    }

    /// <summary>The houses directly in <paramref name="id"/>, by code.</summary>
    public async Task<IReadOnlyList<House>> ChildrenAsync(Caller caller, Guid id, int limit, int offset, CancellationToken ct)
    {
        CheckPage(limit, offset);
        var parent = await GetAsync(caller, id, ct);
        return await db.Houses.AsNoTracking().Where(h => h.ParentId == parent.Id).OrderBy(h => h.Code).ThenBy(h => h.Id)
            .Skip(offset).Take(limit).ToListAsync(ct);
    }

    /// <summary>The top-level houses (compounds, buildings on their own) in the caller's reach, within <paramref name="org"/> when given, by org and code.</summary>
    public async Task<IReadOnlyList<House>> TopLevelAsync(Caller caller, string? org, int limit, int offset, CancellationToken ct)
    {
        CheckPage(limit, offset);
        var subtrees = await permissions.PermittedSubtreesAsync(caller, PopulationPermissions.Read, ct);
        var query = db.Houses.AsNoTracking().Where(h => h.ParentId == null).WithinAnySubtree(subtrees, h => h.OrgPath);
        if (org is not null)
        {
            if (!Governance.ServiceDefaults.Auth.OrgPath.TryParse(org, out var within))
                throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            query = query.WithinSubtree(h => h.OrgPath, within.Value);
        }
        return await query.OrderBy(h => h.OrgPath).ThenBy(h => h.Code).ThenBy(h => h.Id).Skip(offset).Take(limit).ToListAsync(ct);
    }

    private static void CheckPage(int limit, int offset)
    {
        if (limit is < 1 or > MaxPageSize) throw DomainException.Invalid("limit", $"The limit must be 1 to {MaxPageSize}.");
        if (offset < 0) throw DomainException.Invalid("offset", "The offset must not be negative.");
    }

    private static OrgPath Org(House house) => Governance.ServiceDefaults.Auth.OrgPath.Parse(house.OrgPath);
}
