using System.Text.Json;

namespace Governance.Grid.Tests.Cells;

/// <summary>GeoJSON for tests: square grids on a lattice near Golmud, 0.01° a side.</summary>
internal static class Features
{
    public static object Square(string sequence, double x, double y, double size = 0.01, string type = "residential_compound", int? households = 400) => new
    {
        type = "Feature",
        properties = new { sequence, name = $"第{sequence}网格", type, households },
        geometry = new
        {
            type = "Polygon",
            coordinates = new[] { new[] { new[] { x, y }, new[] { x + size, y }, new[] { x + size, y + size }, new[] { x, y + size }, new[] { x, y } } },
        },
    };

    public static object WithGeometry(string sequence, object geometry) => new
    {
        type = "Feature",
        properties = new { sequence, name = $"第{sequence}网格", type = "mixed" },
        geometry,
    };

    public static string Collection(params object[] features) => JsonSerializer.Serialize(new { type = "FeatureCollection", features });
}
