using Governance.Population.Persons;

namespace Governance.Population.Residents;

/// <summary>How many people, by residence status.</summary>
public sealed record ResidentCounts(int Registered, int Floating, int Foreign, int Total)
{
    public static ResidentCounts Of(IEnumerable<(ResidenceStatus Status, int Count)> groups)
    {
        var by = groups.GroupBy(g => g.Status).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        int Of(ResidenceStatus s) => by.GetValueOrDefault(s);
        return new(Of(ResidenceStatus.Registered), Of(ResidenceStatus.Floating), Of(ResidenceStatus.Foreign), by.Values.Sum());
    }
}

/// <summary>The people living in a house (or a grid's houses) and in the houses below it; HouseId null for a grid: the counts of all of them, and one page of them, masked.</summary>
public sealed record HouseResidents(Guid? HouseId, ResidentCounts Counts, IReadOnlyList<ResidentView> Residents);

/// <summary>A resident: the person, masked, and the room (or building) they live in.</summary>
public sealed record ResidentView(Guid HouseId, PersonView Person);

/// <summary>
/// The persons of one org node (a grid or community) by residence status; <c>housed</c> of them live in a recorded house.
/// </summary>
public sealed record OrgResidentCounts(string OrgPath, int Registered, int Floating, int Foreign, int Total, int Housed);
