using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace Governance.Grid.Cells;

/// <summary>
/// A grid's boundary as GeoJSON (RFC 7946, WGS84 longitude/latitude), read and written by
/// NetTopologySuite.IO.GeoJSON4STJ. What the library accepts but a grid may not be is refused here,
/// naming the ring or position: anything but a Polygon or MultiPolygon, positions outside WGS84,
/// rings that are open or too short, and polygons NTS finds invalid.
/// </summary>
public static class CellGeometry
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>
    /// GeoJSON through System.Text.Json. Features carry their grid code as "id" (the attribute of that
    /// name is lifted out of "properties"); rings are written counter-clockwise outside, clockwise in holes.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new GeoJsonConverterFactory(Factory, writeGeometryBBox: false, idPropertyName: "id") },
    };

    /// <summary>Reads a Polygon or MultiPolygon geometry object; throws <see cref="GeoJsonException"/> naming the fault.</summary>
    public static Geometry ReadPolygonal(JsonElement geometry)
    {
        if (geometry.ValueKind != JsonValueKind.Object) throw new GeoJsonException("The geometry must be a GeoJSON object.");
        Geometry? result;
        try
        {
            result = geometry.Deserialize<Geometry>(Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // The library refuses an open or short ring without saying which: find it for the caller.
            throw new GeoJsonException(RingFault(geometry) ?? $"The geometry is not GeoJSON: {e.Message}");
        }
        if (result is not (Polygon or MultiPolygon))
            throw new GeoJsonException($"The geometry type '{result?.GeometryType}' is not Polygon or MultiPolygon.");
        if (result.IsEmpty) throw new GeoJsonException("The geometry is empty.");
        if (OutsideWgs84(result) is { } outside) throw new GeoJsonException(outside);
        var validity = new IsValidOp(result).ValidationError;
        if (validity is not null)
            throw new GeoJsonException($"The polygon is not valid: {validity.Message} at ({validity.Coordinate.X:0.######}, {validity.Coordinate.Y:0.######}).");
        return result;
    }

    /// <summary>Reads a boundary this service stored (written by <see cref="ToJson"/>).</summary>
    public static Geometry ReadPolygonal(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return ReadPolygonal(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new GeoJsonException("The geometry is not valid JSON: " + e.Message);
        }
    }

    public static string ToJson(Geometry geometry) => JsonSerializer.Serialize(geometry, Options);

    /// <summary>The polygons as GeoJSON numbers them: <c>coordinates</c> for a Polygon, <c>coordinates[i]</c> in a MultiPolygon.</summary>
    private static IEnumerable<(string Where, Polygon Polygon)> Parts(Geometry geometry) => geometry is Polygon polygon
        ? [("coordinates", polygon)]
        : Enumerable.Range(0, geometry.NumGeometries).Select(i => ($"coordinates[{i}]", (Polygon)geometry.GetGeometryN(i)));

    private static string? OutsideWgs84(Geometry geometry)
    {
        foreach (var (where, polygon) in Parts(geometry))
        {
            LineString[] rings = [polygon.ExteriorRing, .. polygon.InteriorRings];
            for (var r = 0; r < rings.Length; r++)
                for (var p = 0; p < rings[r].NumPoints; p++)
                {
                    var c = rings[r].GetCoordinateN(p);
                    if (c.X is < -180 or > 180 || c.Y is < -90 or > 90)
                        return string.Create(CultureInfo.InvariantCulture, $"{where}[{r}][{p}] ({c.X}, {c.Y}) is outside WGS84 longitude/latitude.");
                }
        }
        return null;
    }

    /// <summary>Names the first ring that is too short or not closed, when the JSON has the shape of (Multi)Polygon rings at all.</summary>
    private static string? RingFault(JsonElement geometry)
    {
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array) return null;
        var multi = geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "MultiPolygon";
        var polygons = multi
            ? coordinates.EnumerateArray().Select((p, i) => (Where: $"coordinates[{i}]", Rings: p))
            : [("coordinates", coordinates)];
        foreach (var (where, rings) in polygons)
        {
            if (rings.ValueKind != JsonValueKind.Array) return null;
            var r = 0;
            foreach (var ring in rings.EnumerateArray())
            {
                if (ring.ValueKind != JsonValueKind.Array) return null;
                var positions = ring.EnumerateArray().Select(Position).ToArray();
                if (positions.Any(p => p is null)) return null;
                if (positions.Length < 4) return $"{where}[{r}] must be a ring of at least 4 positions.";
                if (positions[0] != positions[^1]) return $"{where}[{r}] is not closed: its last position must repeat its first.";
                r++;
            }
        }
        return null;
    }

    private static (double X, double Y)? Position(JsonElement p) =>
        p.ValueKind == JsonValueKind.Array && p.GetArrayLength() >= 2 && p[0].ValueKind == JsonValueKind.Number && p[1].ValueKind == JsonValueKind.Number
            ? (p[0].GetDouble(), p[1].GetDouble())
            : null;
}

/// <summary>A GeoJSON input the service refuses; the message names the fault.</summary>
public sealed class GeoJsonException(string message) : Exception(message);
