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
        var kind = request.Kind is { } k && HouseNames.Kinds.Contains(k) ? k
            : throw DomainException.Invalid("kind", $"The house kind '{request.Kind}' is not one of {string.Join(", ", HouseNames.Kinds)}.");
        var code = request.Code?.Trim() ?? "";
        if (code.Length == 0) throw DomainException.Invalid("code", "Give the house's code.");
        if (code.Length > House.MaxCodeLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw DomainException.Invalid("code", $"A house code has up to {House.MaxCodeLength} letters, digits and hyphens.");
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) throw DomainException.Invalid("name", "Give the house's name.");
        if (name.Length > House.MaxNameLength) throw DomainException.Invalid("name", $"The name must not be longer than {House.MaxNameLength} characters.");
        if (name.Any(char.IsControl)) throw DomainException.Invalid("name", "The name must not hold control characters.");
        var address = string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim();
        if (address?.Length > House.MaxAddressLength)
            throw DomainException.Invalid("address", $"The address must not be longer than {House.MaxAddressLength} characters.");
        if (address is not null && address.Any(char.IsControl)) throw DomainException.Invalid("address", "The address must not hold control characters.");
        if (request.Use is { } use && !HouseNames.Uses.Contains(use))
            throw DomainException.Invalid("use", $"The use '{use}' is not one of {string.Join(", ", HouseNames.Uses)}.");
        if (kind == HouseNames.Room && request.Use is null) throw DomainException.Invalid("use", "Give the room's use.");
        if (kind != HouseNames.Room && request.Occupancy is not null) throw DomainException.Invalid("occupancy", "Only a room has an occupancy.");
        if (kind == HouseNames.Room && !HouseNames.Occupancies.Contains(request.Occupancy ?? ""))
            throw DomainException.Invalid("occupancy", $"The occupancy '{request.Occupancy}' is not one of {string.Join(", ", HouseNames.Occupancies)}.");
        if (request.Latitude is null != request.Longitude is null) throw DomainException.Invalid("latitude", "Give both latitude and longitude, or neither.");
        if (request.Latitude is < -90 or > 90) throw DomainException.Invalid("latitude", "The latitude must be -90 to 90 (WGS84).");
        if (request.Longitude is < -180 or > 180) throw DomainException.Invalid("longitude", "The longitude must be -180 to 180 (WGS84).");

        var org = await PlaceAsync(caller, kind, request, ct);
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, org, ct);
        var taken = request.ParentId is { } parentId
            ? await db.Houses.AnyAsync(h => h.ParentId == parentId && h.Code == code, ct)
            : await db.Houses.AnyAsync(h => h.ParentId == null && h.OrgPath == org.Value && h.Code == code, ct);
        if (taken) throw CodeTaken(code);
        var gridCode = request.Latitude is { } lat && request.Longitude is { } lng ? await placement.GridOfAsync(lat, lng, org, ct) : null;
        var house = new House
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), Kind = kind, Code = code, Name = name, ParentId = request.ParentId, OrgPath = org.Value,
            Address = address, Use = request.Use, Occupancy = kind == HouseNames.Room ? request.Occupancy : null,
            Latitude = request.Latitude, Longitude = request.Longitude, GridCode = gridCode,
            RegisteredAt = clock.GetUtcNow().UtcDateTime, RegisteredBy = caller.Subject,
        };
        db.Houses.Add(house);
        db.AddToOutbox(new HouseRegistered(house.Id, kind, code, house.ParentId, gridCode, house.OrgPath, house.RegisteredAt), house.Id.ToString());
        await db.SaveOrConflictAsync(() => CodeTaken(code), ct: ct);
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
            if (!HouseNames.MayStandAlone(kind)) throw DomainException.Invalid("parentId", $"A {kind} sits in a {string.Join(" or ", HouseNames.ParentKindsFor(kind))}: give its parentId.");
            if (!Governance.ServiceDefaults.Auth.OrgPath.TryParse(request.OrgPath, out var given))
                throw DomainException.Invalid("orgPath", "Give the org path of the grid or community the house lies in (codes separated by '/').");
            await Governance.Population.Org.PopulationOrgPaths.EnsureCurrentAsync(db, given.Value, "orgPath", ct);
            return given;
        }
        var parent = await db.Houses.AsNoTracking().FirstOrDefaultAsync(h => h.Id == parentId, ct);
        if (parent is null || !await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, Org(parent), ct))
            throw DomainException.Invalid("parentId", $"No house {parentId} within your reach.");
        if (!HouseNames.ParentKindsFor(kind).Contains(parent.Kind))
            throw DomainException.Invalid("parentId", $"A {kind} cannot sit in a {parent.Kind}.");
        if (request.OrgPath is not null && request.OrgPath != parent.OrgPath)
            throw DomainException.Invalid("orgPath", "A house lies in its parent's org: leave the org path out.");
        return Org(parent);
    }

    private static DomainException CodeTaken(string code) => DomainException.Duplicate($"The code '{code}' is taken at that place already.");

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
