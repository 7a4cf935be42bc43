namespace Governance.Grid.Coordinates;

/// <summary>A reported point as sent (system and coordinates) and in WGS-84, where the grid look-up happens.</summary>
public sealed record SentPoint(CoordinateSystem System, double Latitude, double Longitude)
{
    public string SystemName => CoordinateSystems.Name(System);

    public (double Latitude, double Longitude) Wgs84 => ChinaCoordinates.ToWgs84(System, Latitude, Longitude);

    /// <summary>Reads the system's wire name (refused naming <paramref name="field"/>) beside an already validated point.</summary>
    public static SentPoint Read(string? system, (double Latitude, double Longitude) point, string field = "coordinateSystem") =>
        new(CoordinateSystems.Parse(system, field), point.Latitude, point.Longitude);
}
