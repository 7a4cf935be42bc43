using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Governance.Grid.Cells;

/// <summary>One feature of an imported FeatureCollection, read but not yet checked against the others.</summary>
/// <param name="Label">How refusals name it: <c>features[3] (sequence 004)</c>.</param>
internal sealed record CellFeature(string Label, string Sequence, string Name, GridCellType Type, int? Households, int? Population, Geometry Geometry)
{
    /// <summary>Reads feature <paramref name="index"/>; adds what is wrong with it to <paramref name="errors"/> and returns null then.</summary>
    public static CellFeature? Read(JsonElement feature, int index, Dictionary<string, string[]> errors)
    {
        var key = $"features[{index}]";
        var problems = new List<string>();
        if (feature.ValueKind != JsonValueKind.Object || !IsString(feature, "type", "Feature"))
        {
            errors[key] = ["Each item of 'features' must be a GeoJSON Feature."];
            return null;
        }
        var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var sequence = Text(properties, "sequence");
        var label = sequence is null ? key : $"{key} (sequence {sequence})";
        if (sequence is null || sequence.Length != 3 || !sequence.All(char.IsAsciiDigit) || sequence == "000")
            problems.Add("properties.sequence must be 3 digits from 001 to 999.");
        var name = Text(properties, "name")?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100) problems.Add("properties.name must be 1 to 100 characters.");
        var typeName = Text(properties, "type");
        if (!GridCellTypes.TryParse(typeName, out var type)) problems.Add($"properties.type '{typeName}' is not one of {GridCellTypes.Names}.");
        var households = Count(properties, "households", problems);
        var population = Count(properties, "population", problems);
        Geometry? geometry = null;
        try
        {
            geometry = CellGeometry.ReadPolygonal(feature.TryGetProperty("geometry", out var g) ? g : default);
        }
        catch (GeoJsonException e)
        {
            problems.Add(e.Message);
        }
        if (problems.Count > 0)
        {
            errors[label] = problems.ToArray();
            return null;
        }
        return new CellFeature(label, sequence!, name!, type, households, population, geometry!);
    }

    private static bool IsString(JsonElement element, string property, string value) =>
        element.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == value;

    private static string? Text(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Count(JsonElement properties, string name, List<string> problems)
    {
        if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0) return n;
        problems.Add($"properties.{name} must be a whole number, 0 or more.");
        return null;
    }
}
