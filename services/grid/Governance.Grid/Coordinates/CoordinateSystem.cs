using Governance.ServiceDefaults.Problems;

namespace Governance.Grid.Coordinates;

/// <summary>The datum a reporter's point is given in: phones and Chinese map apps send GCJ-02 or BD-09.</summary>
public enum CoordinateSystem
{
    Wgs84,
    Gcj02,
    Bd09,
}

public static class CoordinateSystems
{
    public const string Values = "wgs84, gcj02, bd09";

    /// <summary>Reads a wire name (wgs84 when absent); anything else is refused naming <paramref name="field"/>.</summary>
    public static CoordinateSystem Parse(string? value, string field = "coordinateSystem") => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "wgs84" => CoordinateSystem.Wgs84,
        "gcj02" => CoordinateSystem.Gcj02,
        "bd09" => CoordinateSystem.Bd09,
        _ => throw DomainException.Invalid(field, $"{field} '{value}' is not a coordinate system: use one of {Values}."),
    };

    public static string Name(CoordinateSystem system) => system.ToString().ToLowerInvariant();
}
