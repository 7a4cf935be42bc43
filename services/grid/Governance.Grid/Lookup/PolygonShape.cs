using NetTopologySuite.Geometries;

namespace Governance.Grid.Lookup;

/// <summary>
/// A polygon (or multipolygon, holes included) flattened into coordinate arrays for an
/// allocation-free point-in-polygon test: even-odd ray casting over every ring at once, which
/// answers holes and multiple parts without knowing which ring is which.
/// </summary>
internal sealed class PolygonShape
{
    private readonly double[] _xs;
    private readonly double[] _ys;
    private readonly int[] _ringEnds; // exclusive end of each ring in _xs/_ys; rings are closed (last = first)
    private readonly double _minX, _minY, _maxX, _maxY;

    public PolygonShape(Geometry polygonal)
    {
        var rings = new List<Coordinate[]>();
        for (var p = 0; p < polygonal.NumGeometries; p++)
        {
            var polygon = (Polygon)polygonal.GetGeometryN(p);
            rings.Add(polygon.ExteriorRing.Coordinates);
            rings.AddRange(polygon.InteriorRings.Select(r => r.Coordinates));
        }
        _xs = rings.SelectMany(r => r.Select(c => c.X)).ToArray();
        _ys = rings.SelectMany(r => r.Select(c => c.Y)).ToArray();
        _ringEnds = new int[rings.Count];
        var end = 0;
        for (var r = 0; r < rings.Count; r++) _ringEnds[r] = end += rings[r].Length;
        var envelope = polygonal.EnvelopeInternal;
        (_minX, _minY, _maxX, _maxY) = (envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY);
    }

    /// <summary>Appends (x1, y1, x2, y2) of every edge whose bounding box meets <paramref name="box"/>.</summary>
    public void AddEdgesTouching(Envelope box, List<double> edges)
    {
        var start = 0;
        foreach (var end in _ringEnds)
        {
            for (var i = start; i < end - 1; i++)
            {
                double x1 = _xs[i], y1 = _ys[i], x2 = _xs[i + 1], y2 = _ys[i + 1];
                if (Math.Max(x1, x2) < box.MinX || Math.Min(x1, x2) > box.MaxX || Math.Max(y1, y2) < box.MinY || Math.Min(y1, y2) > box.MaxY) continue;
                edges.Add(x1); edges.Add(y1); edges.Add(x2); edges.Add(y2);
            }
            start = end;
        }
    }

    public bool Contains(double x, double y)
    {
        if (x < _minX || x > _maxX || y < _minY || y > _maxY) return false;
        var inside = false;
        var xs = _xs;
        var ys = _ys;
        var start = 0;
        foreach (var end in _ringEnds)
        {
            for (var i = start; i < end - 1; i++)
            {
                double yi = ys[i], yj = ys[i + 1];
                if ((yi > y) != (yj > y) && x < (xs[i + 1] - xs[i]) * (y - yi) / (yj - yi) + xs[i]) inside = !inside;
            }
            start = end;
        }
        return inside;
    }
}
