using System.Diagnostics;
using Governance.Grid.Cells;
using Governance.Grid.Lookup;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

// Usage: Governance.Bench.Grid [grids=22438] [seconds per round=3] [rounds=3] [segments per edge=1]
// Real grid boundaries follow streets and walls: segments > 1 splits every edge (8 gives ~50 vertices a grid).
// One thread throughout: the figure is look-ups per second on one core.
var count = args.Length > 0 ? int.Parse(args[0]) : 22_438;
var seconds = args.Length > 1 ? double.Parse(args[1]) : 3;
var rounds = args.Length > 2 ? int.Parse(args[2]) : 3;
var segments = args.Length > 3 ? int.Parse(args[3]) : 1;

// A province-sized extent (about 400 km × 300 km), so grids average ~5 km²: sizes do not matter to the
// index, only the count and the shapes.
var extent = new Envelope(94.0, 98.5, 35.0, 37.7);
var clock = Stopwatch.StartNew();
var polygons = SyntheticGrids.Tile(extent, count, seed: 2026)
    .Select(p => segments > 1 ? Split(p, segments) : p).ToList();
Console.WriteLine($"grids: {polygons.Count} Voronoi polygons, avg {polygons.Average(p => p.NumPoints - 1):0.0} vertices, made in {clock.Elapsed.TotalSeconds:0.0} s");

clock.Restart();
var index = new GridIndex<int>(polygons.Select((p, i) => ((Geometry)p, i)).ToList());
Console.WriteLine($"index: built in {clock.Elapsed.TotalSeconds:0.0} s");

clock.Restart();
var tree = new STRtree<(IPreparedGeometry Shape, int Id)>();
foreach (var (p, i) in polygons.Select((p, i) => (p, i))) tree.Insert(p.EnvelopeInternal, (PreparedGeometryFactory.Prepare(p), i));
tree.Build();
Console.WriteLine($"baseline (NTS STRtree + prepared Contains): built in {clock.Elapsed.TotalSeconds:0.0} s");

// Points spread over the extent and 5% beyond it, so some fall outside every grid.
var random = new Random(7);
var points = new (double X, double Y)[1 << 20];
for (var i = 0; i < points.Length; i++)
    points[i] = (extent.MinX - 0.05 * extent.Width + random.NextDouble() * 1.1 * extent.Width,
                 extent.MinY - 0.05 * extent.Height + random.NextDouble() * 1.1 * extent.Height);

// The two must agree (points exactly on a shared edge may go either way; random doubles never are).
var factory = polygons[0].Factory;
for (var i = 0; i < 20_000; i++)
{
    var (x, y) = points[i];
    var ours = index.TryLocate(x, y, out var id) ? id : -1;
    var theirs = Baseline(x, y);
    if (ours != theirs) throw new InvalidOperationException($"disagree at ({x}, {y}): index {ours}, baseline {theirs}");
}
Console.WriteLine("check: index and baseline agree on 20,000 points");

for (var round = 1; round <= rounds; round++)
{
    var ours = Measure(() => { var (x, y) = points[_i++ & (points.Length - 1)]; return index.TryLocate(x, y, out var v) ? v : -1; });
    var theirs = Measure(() => { var (x, y) = points[_i++ & (points.Length - 1)]; return Baseline(x, y); });
    Console.WriteLine($"round {round}: index {ours:N0} look-ups/s, baseline {theirs:N0}/s, ratio {ours / theirs:0.0}x");
}

static Polygon Split(Polygon polygon, int segments)
{
    var ring = polygon.ExteriorRing.Coordinates;
    var split = new List<Coordinate>();
    for (var i = 0; i < ring.Length - 1; i++)
        for (var s = 0; s < segments; s++)
        {
            var t = (double)s / segments;
            split.Add(new Coordinate(ring[i].X + t * (ring[i + 1].X - ring[i].X), ring[i].Y + t * (ring[i + 1].Y - ring[i].Y)));
        }
    split.Add(split[0].Copy());
    return polygon.Factory.CreatePolygon(split.ToArray());
}

int Baseline(double x, double y)
{
    var point = factory.CreatePoint(new Coordinate(x, y));
    foreach (var (shape, id) in tree.Query(point.EnvelopeInternal))
        if (shape.Contains(point)) return id;
    return -1;
}

double Measure(Func<int> lookup)
{
    var sink = 0;
    var watch = Stopwatch.StartNew();
    long done = 0;
    while (watch.Elapsed.TotalSeconds < seconds)
    {
        for (var i = 0; i < 10_000; i++) sink += lookup();
        done += 10_000;
    }
    GC.KeepAlive(sink);
    return done / watch.Elapsed.TotalSeconds;
}

partial class Program
{
    private static int _i;
}
