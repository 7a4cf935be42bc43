using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Governance.Grid.Lookup;

/// <summary>
/// Point → polygon look-up over a city's grids, built once and then read by any number of threads.
/// The extent is cut into a regular lattice of buckets, about <see cref="BucketsPerPolygon"/> per
/// polygon. A bucket lying wholly inside one polygon (most of them, since grids tile the city)
/// answers with no geometry at all. A bucket on a boundary keeps, for each polygon touching it,
/// whether the bucket's centre lies inside and the few edges that cross the bucket: the point is
/// inside when the segment from it to the centre crosses those edges an even number of times and
/// the centre is inside (or an odd number and it is not). So no look-up walks a whole polygon.
/// </summary>
public sealed class GridIndex<T>
{
    private const int BucketsPerPolygon = 16;
    private const int MaxBuckets = 8_000_000;

    private readonly T[] _values;
    private readonly double _minX, _minY, _width, _height, _invWidth, _invHeight;
    private readonly int _nx, _ny;
    private readonly int[] _covering;     // per bucket: the polygon covering it wholly, or -1
    private readonly int[] _firstEntry;   // per bucket (+1): its (polygon, centre, edges) entries
    private readonly int[] _entryPolygon;
    private readonly bool[] _entryCentreInside;
    private readonly int[] _entryFirstEdge; // per entry (+1): its edges in _edges, 4 doubles each
    private readonly double[] _edges;
    private readonly double[] _refX, _refY; // per bucket: the point each entry's inside flag is taken at (see Reference)

    public int Count => _values.Length;

    public GridIndex(IReadOnlyList<(Geometry Polygon, T Value)> entries)
    {
        _values = entries.Select(e => e.Value).ToArray();
        var extent = new Envelope();
        foreach (var (polygon, _) in entries) extent.ExpandToInclude(polygon.EnvelopeInternal);
        if (entries.Count == 0 || extent.Width <= 0 || extent.Height <= 0)
        {
            (_covering, _firstEntry, _entryPolygon, _entryCentreInside, _entryFirstEdge, _edges) = ([], [0], [], [], [0], []);
            (_refX, _refY) = ([], []);
            return;
        }
        var side = Math.Sqrt(extent.Width * extent.Height / Math.Min(MaxBuckets, (double)entries.Count * BucketsPerPolygon));
        _nx = Math.Max(1, (int)Math.Ceiling(extent.Width / side));
        _ny = Math.Max(1, (int)Math.Ceiling(extent.Height / side));
        (_minX, _minY) = (extent.MinX, extent.MinY);
        (_width, _height) = (extent.Width / _nx, extent.Height / _ny);
        (_invWidth, _invHeight) = (1 / _width, 1 / _height);

        var touching = new List<int>?[_nx * _ny];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i].Polygon.EnvelopeInternal;
            for (var y = Row(e.MinY); y <= Row(e.MaxY); y++)
            for (var x = Column(e.MinX); x <= Column(e.MaxX); x++)
                (touching[y * _nx + x] ??= []).Add(i);
        }

        var prepared = entries.Select(e => PreparedGeometryFactory.Prepare(e.Polygon)).ToArray();
        var shapes = entries.Select(e => new PolygonShape(e.Polygon)).ToArray();
        var factory = entries[0].Polygon.Factory;
        _covering = new int[touching.Length];
        _firstEntry = new int[touching.Length + 1];
        _refX = new double[touching.Length];
        _refY = new double[touching.Length];
        List<int> polygons = [], firstEdges = [];
        List<bool> centres = [];
        List<double> edges = [];
        for (var b = 0; b < touching.Length; b++)
        {
            _covering[b] = -1;
            _firstEntry[b] = polygons.Count;
            if (touching[b] is not { } list) continue;
            var bucket = BucketEnvelope(b);
            var cell = factory.ToGeometry(bucket);
            var first = polygons.Count;
            foreach (var i in list)
            {
                if (!prepared[i].Intersects(cell)) continue;
                if (prepared[i].Covers(cell))
                {
                    _covering[b] = i;
                    break;
                }
                polygons.Add(i);
                firstEdges.Add(edges.Count / 4);
                shapes[i].AddEdgesTouching(bucket, edges);
            }
            if (_covering[b] < 0)
            {
                (_refX[b], _refY[b]) = Reference(bucket, edges, firstEdges.Count > first ? firstEdges[first] * 4 : edges.Count);
                for (var k = first; k < polygons.Count; k++) centres.Add(shapes[polygons[k]].Contains(_refX[b], _refY[b]));
                continue;
            }
            polygons.RemoveRange(first, polygons.Count - first);
            if (firstEdges.Count > first) edges.RemoveRange(firstEdges[first] * 4, edges.Count - firstEdges[first] * 4);
            firstEdges.RemoveRange(first, firstEdges.Count - first);
        }
        _firstEntry[touching.Length] = polygons.Count;
        firstEdges.Add(edges.Count / 4);
        (_entryPolygon, _entryCentreInside, _entryFirstEdge, _edges) = (polygons.ToArray(), centres.ToArray(), firstEdges.ToArray(), edges.ToArray());
    }

    /// <summary>The value of the polygon containing (<paramref name="x"/>, <paramref name="y"/>), or false when none does.</summary>
    public bool TryLocate(double x, double y, out T value)
    {
        var index = Locate(x, y);
        value = index >= 0 ? _values[index] : default!;
        return index >= 0;
    }

    internal int Locate(double x, double y)
    {
        double fx = (x - _minX) * _invWidth, fy = (y - _minY) * _invHeight;
        // Written so that NaN fails too. The far edge of the extent belongs to the last bucket.
        if (!(fx >= 0 && fy >= 0 && fx <= _nx && fy <= _ny) || _nx == 0) return -1;
        int ix = Math.Min((int)fx, _nx - 1), iy = Math.Min((int)fy, _ny - 1);
        var b = iy * _nx + ix;
        var covering = _covering[b];
        if (covering >= 0) return covering;
        double cx = _refX[b], cy = _refY[b];
        var edges = _edges;
        for (int k = _firstEntry[b], end = _firstEntry[b + 1]; k < end; k++)
        {
            var inside = _entryCentreInside[k];
            for (int e = _entryFirstEdge[k] * 4, last = _entryFirstEdge[k + 1] * 4; e < last; e += 4)
                if (Crosses(x, y, cx, cy, edges[e], edges[e + 1], edges[e + 2], edges[e + 3])) inside = !inside;
            if (inside) return _entryPolygon[k];
        }
        return -1;
    }

    // Half-open side tests (a point on the line counts as the negative side) keep the parity right
    // when the segment passes through a vertex shared by two edges: exactly one of them counts.
    private static bool Crosses(double px, double py, double cx, double cy, double ax, double ay, double bx, double by)
    {
        double dx = cx - px, dy = cy - py;
        if ((dx * (ay - py) - dy * (ax - px) > 0) == (dx * (by - py) - dy * (bx - px) > 0)) return false;
        double ex = bx - ax, ey = by - ay;
        return (ex * (py - ay) - ey * (px - ax) > 0) != (ex * (cy - ay) - ey * (cx - ax) > 0);
    }

    /// <summary>
    /// The point of a boundary bucket that its entries' inside flags are taken at and every look-up's segment runs to:
    /// the centre, unless that lies on (or within a hair of) one of the bucket's edges - then a point nearby that does
    /// not. On an edge, the ray test that sets the flag and the segment test that counts crossings disagree about which
    /// side the point is on, and a point inside a grid was found in none (seen with the demo's grids when five communities
    /// were drawn: GridIndexTests).
    /// </summary>
    private static (double X, double Y) Reference(Envelope bucket, List<double> edges, int firstEdge)
    {
        double w = bucket.Width, h = bucket.Height, hair = 1e-9 * Math.Max(w, h);
        ReadOnlySpan<(double, double)> offsets = [(0, 0), (0.113, 0.071), (-0.097, 0.131), (0.151, -0.089), (-0.173, -0.117), (0.211, 0.193)];
        foreach (var (ox, oy) in offsets)
        {
            double x = bucket.Centre.X + ox * w, y = bucket.Centre.Y + oy * h;
            var clear = true;
            for (var e = firstEdge; e < edges.Count && clear; e += 4)
                clear = DistanceToSegment(x, y, edges[e], edges[e + 1], edges[e + 2], edges[e + 3]) > hair;
            if (clear) return (x, y);
        }
        return (bucket.Centre.X + 0.211 * w, bucket.Centre.Y + 0.193 * h);
    }

    private static double DistanceToSegment(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay, length = dx * dx + dy * dy;
        var t = length == 0 ? 0 : Math.Clamp(((px - ax) * dx + (py - ay) * dy) / length, 0, 1);
        double qx = ax + t * dx - px, qy = ay + t * dy - py;
        return Math.Sqrt(qx * qx + qy * qy);
    }

    private Envelope BucketEnvelope(int b)
    {
        double minX = _minX + b % _nx * _width, minY = _minY + b / _nx * _height;
        return new Envelope(minX, minX + _width, minY, minY + _height);
    }

    private int Column(double x) => Math.Clamp((int)((x - _minX) * _invWidth), 0, _nx - 1);
    private int Row(double y) => Math.Clamp((int)((y - _minY) * _invHeight), 0, _ny - 1);
}
