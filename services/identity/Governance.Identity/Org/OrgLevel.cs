namespace Governance.Identity.Org;

/// <summary>The levels of the org tree, top down. Each level's parent is the level just above it.</summary>
public enum OrgLevel
{
    Province = 1,
    Prefecture = 2,
    County = 3,
    Street = 4,
    Community = 5,
    Grid = 6,
}

public static class OrgLevels
{
    /// <summary>The name used on the wire and in events: <c>province</c> … <c>grid</c>.</summary>
    public static string Name(this OrgLevel level) => level.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out OrgLevel level)
    {
        level = default;
        return value is not null && Enum.TryParse(value, ignoreCase: true, out level)
            && Enum.IsDefined(level) && !value.Any(char.IsAsciiDigit);
    }

    /// <summary>The levels that may stand at the top of a tree: a deployment serves a province, a prefecture or a county.</summary>
    public static bool MayBeRoot(this OrgLevel level) => level <= OrgLevel.County;
}
