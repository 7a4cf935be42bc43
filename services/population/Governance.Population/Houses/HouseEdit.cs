using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Houses;

/// <summary>
/// A change of a house, as the console sends it (<c>PATCH /api/population/houses/{id}</c>): the version read and only the
/// fields to change; <c>address</c> <c>""</c> removes the address.
/// <code>{ "version": 1, "name": "502室", "use": "rental", "occupancy": "occupied" }</code>
/// </summary>
public sealed record HousePatch(int? Version, string? Name, string? Address, string? Use, string? Occupancy);

/// <summary>
/// Edits a house's name, address, use and (a room's) occupancy; its kind, code, place and point are not edited here.
/// A room's occupancy follows its residents on every move in or out (<see cref="Moves.PersonMoves"/>): set by hand,
/// it holds until the next move, e.g. for a room lived in by people not recorded yet.
/// </summary>
public sealed class HouseEdit(PopulationDb db, RolePermissions permissions)
{
    public async Task<House> EditAsync(Caller caller, Guid id, HousePatch patch, CancellationToken ct)
    {
        var version = patch.Version ?? throw DomainException.Invalid("version", "Give the version of the record you read.");
        var name = patch.Name?.Trim();
        if (name is not null)
        {
            if (name.Length == 0) throw DomainException.Invalid("name", "Give the house's name.");
            if (name.Length > House.MaxNameLength) throw DomainException.Invalid("name", $"The name must not be longer than {House.MaxNameLength} characters.");
            if (name.Any(char.IsControl)) throw DomainException.Invalid("name", "The name must not hold control characters.");
        }
        var address = patch.Address?.Trim();
        if (address?.Length > House.MaxAddressLength)
            throw DomainException.Invalid("address", $"The address must not be longer than {House.MaxAddressLength} characters.");
        if (address is not null && address.Any(char.IsControl)) throw DomainException.Invalid("address", "The address must not hold control characters.");
        if (patch.Use is { } use && !HouseNames.Uses.Contains(use))
            throw DomainException.Invalid("use", $"The use '{use}' is not one of {string.Join(", ", HouseNames.Uses)}.");
        if (patch.Occupancy is { } occupancy && !HouseNames.Occupancies.Contains(occupancy))
            throw DomainException.Invalid("occupancy", $"The occupancy '{occupancy}' is not one of {string.Join(", ", HouseNames.Occupancies)}.");

        var house = await db.Houses.FirstOrDefaultAsync(h => h.Id == id, ct);
        if (house is null || !await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, OrgPath.Parse(house.OrgPath), ct))
            throw DomainException.NotFound($"No house {id} within your reach.");
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, OrgPath.Parse(house.OrgPath), ct);
        if (house.Kind != HouseNames.Room && patch.Occupancy is not null) throw DomainException.Invalid("occupancy", "Only a room has an occupancy.");
        if (house.Version != version) throw Stale(version);

        if (name is not null) house.Name = name;
        if (address is not null) house.Address = address.Length == 0 ? null : address;
        if (patch.Use is not null) house.Use = patch.Use;
        if (patch.Occupancy is not null) house.Occupancy = patch.Occupancy;
        house.Version++;
        await db.SaveOrConflictAsync(() => Stale(version), () => Stale(version), ct);
        return house;
    }

    private static DomainException Stale(int version) =>
        DomainException.RuleViolated("StaleVersion", $"The record changed since version {version} was read: read it again.");
}
