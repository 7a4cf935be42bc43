using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Governance.Grid.Cells;

/// <summary>
/// GeoJSON (RFC 7946) polygons in and out, WGS84 longitude/latitude. Hand-written on System.Text.Json
/// (the NTS GeoJSON package is not in the registry here), which also lets every refusal say exactly
/// which ring or position is wrong.
/// </summary>
public static class GeoJson
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>Reads a Polygon or MultiPolygon geometry object; throws <see cref="GeoJsonException"/> naming the fault.</summary>
    public static Geometry ReadPolygonal(JsonElement geometry)
    {
        if (geometry.ValueKind != JsonValueKind.Object) throw new GeoJsonException("The geometry must be a GeoJSON object.");
        var type = geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
            throw new GeoJsonException("The geometry has no 'coordinates' array.");
        Geometry result = type switch
        {
            "Polygon" => ReadPolygon(coordinates, "coordinates"),
            "MultiPolygon" => Factory.CreateMultiPolygon(coordinates.EnumerateArray()
                .Select((p, i) => ReadPolygon(p, $"coordinates[{i}]")).ToArray()),
            _ => throw new GeoJsonException($"The geometry type '{type}' is not Polygon or MultiPolygon."),
        };
        if (result.IsEmpty) throw new GeoJsonException("The geometry is empty.");
        var validity = new IsValidOp(result).ValidationError;
        if (validity is not null)
            throw new GeoJsonException($"The polygon is not valid: {validity.Message} at ({validity.Coordinate.X:0.######}, {validity.Coordinate.Y:0.######}).");
        return result;
    }

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

    /// <summary>Writes a Polygon or MultiPolygon as a GeoJSON geometry object.</summary>
    public static void Write(Utf8JsonWriter writer, Geometry geometry)
    {
        writer.WriteStartObject();
        switch (geometry)
        {
            case Polygon polygon:
                writer.WriteString("type", "Polygon");
                writer.WritePropertyName("coordinates");
                WritePolygon(writer, polygon);
                break;
            case MultiPolygon multi:
                writer.WriteString("type", "MultiPolygon");
                writer.WritePropertyName("coordinates");
                writer.WriteStartArray();
                foreach (var part in multi.Geometries) WritePolygon(writer, (Polygon)part);
                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Only polygons are written, not {geometry.GeometryType}.", nameof(geometry));
        }
        writer.WriteEndObject();
    }

    public static string ToJson(Geometry geometry)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, geometry);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Polygon ReadPolygon(JsonElement rings, string where)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
            throw new GeoJsonException($"{where} must be a non-empty array of rings.");
        var linear = rings.EnumerateArray().Select((r, i) => ReadRing(r, $"{where}[{i}]")).ToArray();
        return Factory.CreatePolygon(linear[0], linear[1..]);
    }

    private static LinearRing ReadRing(JsonElement ring, string where)
    {
        if (ring.ValueKind != JsonValueKind.Array || ring.GetArrayLength() < 4)
            throw new GeoJsonException($"{where} must be a ring of at least 4 positions.");
        var positions = ring.EnumerateArray().Select((p, i) => ReadPosition(p, $"{where}[{i}]")).ToArray();
        if (!positions[0].Equals2D(positions[^1]))
            throw new GeoJsonException($"{where} is not closed: its last position must repeat its first.");
        return Factory.CreateLinearRing(positions);
    }

    private static Coordinate ReadPosition(JsonElement position, string where)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
            || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
            throw new GeoJsonException($"{where} must be a position [longitude, latitude].");
        double lng = position[0].GetDouble(), lat = position[1].GetDouble();
        if (lng is < -180 or > 180 || lat is < -90 or > 90)
            throw new GeoJsonException($"{where} ({lng}, {lat}) is outside WGS84 longitude/latitude.");
        return new Coordinate(lng, lat);
    }

    private static void WritePolygon(Utf8JsonWriter writer, Polygon polygon)
    {
        writer.WriteStartArray();
        WriteRing(writer, polygon.ExteriorRing);
        foreach (var hole in polygon.InteriorRings) WriteRing(writer, hole);
        writer.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter writer, LineString ring)
    {
        writer.WriteStartArray();
        foreach (var c in ring.Coordinates)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(Math.Round(c.X, 7));
            writer.WriteNumberValue(Math.Round(c.Y, 7));
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}

/// <summary>A GeoJSON input the service refuses; the message names the fault.</summary>
public sealed class GeoJsonException(string message) : Exception(message);
