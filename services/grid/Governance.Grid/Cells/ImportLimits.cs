using System.Buffers;
using System.Text.Json;
using Governance.ServiceDefaults.Problems;

namespace Governance.Grid.Cells;

/// <summary>
/// Reads an import's body chunk by chunk and counts its features and vertices as the bytes arrive,
/// so a body past a limit is refused before any of it becomes a JSON document or a geometry (and
/// usually before the rest of it is read). The request size limit bounds the bytes kept meanwhile.
/// </summary>
public static class ImportLimits
{
    public const int MaxFeatures = 5_000, MaxVerticesPerPolygon = 10_000, MaxVertices = 1_000_000;

    /// <summary>The whole body, once it is known to be JSON within the limits; otherwise a <see cref="DomainException"/> naming the feature.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(Stream body, CancellationToken ct)
    {
        var kept = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var counter = new Counter();
        try
        {
            int read;
            do
            {
                read = await body.ReadAsync(chunk, ct);
                kept.Write(chunk, 0, read);
                counter.Count(kept.GetBuffer().AsSpan(0, (int)kept.Length), isFinalBlock: read == 0);
            }
            while (read > 0);
        }
        catch (JsonException e)
        {
            throw DomainException.Invalid("body", $"The body is not valid JSON: {e.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return kept.GetBuffer().AsMemory(0, (int)kept.Length);
    }

    /// <summary>
    /// Follows <c>features[i].geometry…coordinates</c> across chunks. A position is an array whose first
    /// item is a number; the array two levels above it holds one polygon's rings, whatever the geometry type.
    /// </summary>
    private sealed class Counter
    {
        private JsonReaderState _state;
        private int _consumed;
        private bool _featuresNext, _inFeatures, _coordinatesNext, _afterStartArray;
        private int _feature = -1, _coordinatesDepth = -1, _vertices;
        private string? _member;
        private readonly int[] _perPolygon = new int[8];

        public void Count(ReadOnlySpan<byte> all, bool isFinalBlock)
        {
            var reader = new Utf8JsonReader(all[_consumed..], isFinalBlock, _state);
            while (reader.Read()) Step(ref reader);
            _consumed += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }

        private void Step(ref Utf8JsonReader reader)
        {
            var depth = reader.CurrentDepth;
            var afterStartArray = _afterStartArray;
            _afterStartArray = false;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    if (depth == 1) _featuresNext = reader.ValueTextEquals("features");
                    else if (_inFeatures && depth == 3) _member = reader.GetString();
                    else if (_inFeatures && depth >= 4 && _member == "geometry" && _coordinatesDepth < 0) _coordinatesNext = reader.ValueTextEquals("coordinates");
                    return;
                case JsonTokenType.StartArray:
                    if (depth == 1 && _featuresNext) _inFeatures = true;
                    else if (_coordinatesNext) _coordinatesDepth = depth;
                    if (_coordinatesDepth >= 0 && depth - _coordinatesDepth is var level and < 8) _perPolygon[level] = 0;
                    _featuresNext = _coordinatesNext = false;
                    _afterStartArray = true;
                    return;
                case JsonTokenType.EndArray:
                    if (depth == _coordinatesDepth) _coordinatesDepth = -1;
                    else if (depth == 1 && _inFeatures) _inFeatures = false;
                    return;
                case JsonTokenType.StartObject when _inFeatures && depth == 2:
                    if (++_feature >= MaxFeatures)
                        throw DomainException.Invalid("features", $"An import holds at most {MaxFeatures} features; features[{_feature}] is one too many.");
                    _member = null;
                    break;
                case JsonTokenType.Number when afterStartArray && _coordinatesDepth >= 0:
                    Vertex(depth - 1 - _coordinatesDepth - 2);
                    break;
            }
            _featuresNext = _coordinatesNext = false;
        }

        private void Vertex(int polygonLevel)
        {
            if (++_vertices > MaxVertices)
                throw DomainException.Invalid($"features[{_feature}]",
                    $"An import holds at most {MaxVertices} vertices; features[{_feature}] takes it past that.");
            if (polygonLevel is >= 0 and < 8 && ++_perPolygon[polygonLevel] > MaxVerticesPerPolygon)
                throw DomainException.Invalid($"features[{_feature}]",
                    $"A polygon of features[{_feature}] has more than {MaxVerticesPerPolygon} vertices, the most one grid's polygon may have.");
        }
    }
}
