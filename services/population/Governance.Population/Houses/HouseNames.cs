namespace Governance.Population.Houses;

/// <summary>The wire names of a house's levels, uses and occupancy, and which level sits in which.</summary>
public static class HouseNames
{
    public const string Compound = "compound";
    public const string Building = "building";
    public const string Unit = "unit";
    public const string Room = "room";

    public static readonly string[] Kinds = [Compound, Building, Unit, Room];
    public static readonly string[] Uses = ["residential", "rental", "commercial", "mixed"];
    public static readonly string[] Occupancies = ["occupied", "vacant"];

    /// <summary>
    /// The kinds a parent of <paramref name="kind"/> may be. A compound is at the top; a building stands in a
    /// compound or on its own; a room is in a unit, or straight in a building that has no units.
    /// </summary>
    public static string[] ParentKindsFor(string kind) => kind switch
    {
        Building => [Compound],
        Unit => [Building],
        Room => [Unit, Building],
        _ => [],
    };

    /// <summary>Whether <paramref name="kind"/> may stand at the top, without a parent.</summary>
    public static bool MayStandAlone(string kind) => kind is Compound or Building;
}
