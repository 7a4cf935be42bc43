using Governance.Population.Access;
using Governance.Population.Data;
using Governance.Population.Moves;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Residents;

/// <summary>
/// Who lives in a house (and in the houses below it: a compound's, a building's), and how many people live in each
/// grid or community by residence status. Listing residents is a list read of each person shown (access log);
/// counts hold no one's data and are not logged.
/// </summary>
public sealed class ResidentRegister(PopulationDb db, PopulationReach reach, RolePermissions permissions, PersonalDataCipher cipher, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public async Task<HouseResidents> OfHouseAsync(PersonAccess.Reading reading, Guid houseId, int limit, int offset, CancellationToken ct)
    {
        CheckPage(limit, offset);
        var house = await reach.HouseToReadAsync(reading.Caller, houseId, ct);
        return await ResidentsAsync(reading, house.Id, await WithBelowAsync([house.Id], ct), limit, offset, ct);
    }

    /// <summary>The residents of the houses the grid service located in grid <paramref name="gridCode"/> (within reach) and of the houses below them.</summary>
    public async Task<HouseResidents> OfGridAsync(PersonAccess.Reading reading, string gridCode, int limit, int offset, CancellationToken ct)
    {
        if (gridCode.Length != 15 || !gridCode.All(char.IsAsciiDigit)) throw DomainException.Invalid("grid_code", "A grid code has 15 digits.");
        CheckPage(limit, offset);
        var subtrees = await permissions.PermittedSubtreesAsync(reading.Caller, PopulationPermissions.Read, ct);
        var located = await db.Houses.AsNoTracking().Where(h => h.GridCode == gridCode).WithinAnySubtree(subtrees, h => h.OrgPath).Select(h => h.Id).ToListAsync(ct);
        if (located.Count == 0) throw DomainException.NotFound($"No house located in grid {gridCode} within your reach.");
        return await ResidentsAsync(reading, null, await WithBelowAsync(located, ct), limit, offset, ct);
    }

    private async Task<HouseResidents> ResidentsAsync(PersonAccess.Reading reading, Guid? houseId, List<Guid> houses, int limit, int offset, CancellationToken ct)
    {
        var living = db.Persons.AsNoTracking().Where(p => p.HouseId != null && houses.Contains(p.HouseId.Value));
        var counts = ResidentCounts.Of((await living.GroupBy(p => p.ResidenceStatus).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(g => (g.Key, g.Count)));
        // A resident registered elsewhere is shown only within the reader's reach, like every person read.
        var subtrees = await permissions.PermittedSubtreesAsync(reading.Caller, PopulationPermissions.Read, ct);
        var page = await living.WithinAnySubtree(subtrees, p => p.OrgPath).OrderBy(p => p.Name).ThenBy(p => p.Id).Skip(offset).Take(limit).ToListAsync(ct);
        foreach (var person in page) db.LogPersonRead(reading, "residents", person.Id, person.OrgPath, PersonFields.Masked, clock);
        await db.SaveChangesAsync(ct);
        var today = PersonNames.Today(clock);
        return new HouseResidents(houseId, counts, page.Select(p => new ResidentView(p.HouseId!.Value, PersonView.Masked(p, cipher, today))).ToList());
    }

    /// <summary>Persons per org node within the caller's reach (population.read), within <paramref name="org"/> when given, by org path.</summary>
    public async Task<IReadOnlyList<OrgResidentCounts>> CountsAsync(Caller caller, string? org, CancellationToken ct)
    {
        var subtrees = await permissions.PermittedSubtreesAsync(caller, PopulationPermissions.Read, ct);
        var query = db.Persons.AsNoTracking().WithinAnySubtree(subtrees, p => p.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            query = query.WithinSubtree(p => p.OrgPath, within.Value);
        }
        var groups = await query.GroupBy(p => new { p.OrgPath, p.ResidenceStatus, Housed = p.HouseId != null })
            .Select(g => new { g.Key.OrgPath, g.Key.ResidenceStatus, g.Key.Housed, Count = g.Count() }).ToListAsync(ct);
        return groups.GroupBy(g => g.OrgPath).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var counts = ResidentCounts.Of(g.Select(x => (x.ResidenceStatus, x.Count)));
            return new OrgResidentCounts(g.Key, counts.Registered, counts.Floating, counts.Foreign, counts.Total, g.Where(x => x.Housed).Sum(x => x.Count));
        }).ToList();
    }

    /// <summary>The houses and every house below them (at most compound → building → unit → room: three levels down).</summary>
    private async Task<List<Guid>> WithBelowAsync(List<Guid> ids, CancellationToken ct)
    {
        var all = new List<Guid>(ids);
        var level = ids;
        for (var depth = 0; depth < 3 && level.Count > 0; depth++)
        {
            var parents = level;
            level = await db.Houses.AsNoTracking().Where(h => h.ParentId != null && parents.Contains(h.ParentId.Value)).Select(h => h.Id).ToListAsync(ct);
            all.AddRange(level);
        }
        return all;
    }

    private static void CheckPage(int limit, int offset)
    {
        if (limit is < 1 or > MaxPageSize) throw DomainException.Invalid("limit", $"The limit must be 1 to {MaxPageSize}.");
        if (offset < 0) throw DomainException.Invalid("offset", "The offset must not be negative.");
    }
}
