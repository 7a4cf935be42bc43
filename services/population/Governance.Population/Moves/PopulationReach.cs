using Governance.Population.Data;
using Governance.Population.Houses;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Moves;

/// <summary>
/// The persons and houses a change may touch: out of the caller's reading reach they read as absent (404); readable
/// but without population.register over them, the change is forbidden (403).
/// </summary>
public sealed class PopulationReach(PopulationDb db, RolePermissions permissions)
{
    /// <summary>The person, tracked, for a change.</summary>
    public async Task<Person> PersonToChangeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null || !await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, OrgPath.Parse(person.OrgPath), ct))
            throw DomainException.NotFound($"No person {id} within your reach.");
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, OrgPath.Parse(person.OrgPath), ct);
        return person;
    }

    /// <summary>A house within reach (population.read), or 404.</summary>
    public async Task<House> HouseToReadAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var house = await db.Houses.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, ct);
        return house is not null && await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, OrgPath.Parse(house.OrgPath), ct) ? house
            : throw DomainException.NotFound($"No house {id} within your reach.");
    }

    /// <summary>
    /// A house people live in, for a change (population.register over it): a room, or a building without rooms. A
    /// compound or a unit holds rooms, not residents; the fault is <paramref name="field"/>'s.
    /// </summary>
    public async Task<House> DwellingToChangeAsync(Caller caller, Guid id, string field, CancellationToken ct)
    {
        var house = await HouseToReadAsync(caller, id, ct);
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, OrgPath.Parse(house.OrgPath), ct);
        await CheckDwellingAsync(db, house.Id, house.Kind, house.Code, field, ct);
        return house;
    }

    /// <summary>People live in a room, or a building without rooms; a compound or a unit holds rooms. The fault is <paramref name="field"/>'s.</summary>
    public static async Task CheckDwellingAsync(PopulationDb db, Guid id, string kind, string code, string field, CancellationToken ct)
    {
        if (kind is not (HouseNames.Room or HouseNames.Building))
            throw DomainException.Invalid(field, $"People live in a room or a building without rooms, not in a {kind}.");
        if (kind == HouseNames.Building && await db.Houses.AnyAsync(h => h.ParentId == id, ct))
            throw DomainException.Invalid(field, $"The building {code} has units or rooms: give one of its rooms.");
    }
}
