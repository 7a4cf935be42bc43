using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace Governance.Grid.Cells;

/// <summary>
/// Grid polygons for demos and benchmarks: the Voronoi cells of random seed points, clipped to an
/// extent. Like real grids they tile the area with no gaps or overlaps and have irregular shapes of
/// 4–10 sides. Deterministic for a given seed.
/// </summary>
public static class SyntheticGrids
{
    public static IReadOnlyList<Polygon> Tile(Envelope extent, int count, int seed)
    {
        var random = new Random(seed);
        var sites = new Coordinate[count];
        for (var i = 0; i < count; i++)
            sites[i] = new Coordinate(extent.MinX + random.NextDouble() * extent.Width, extent.MinY + random.NextDouble() * extent.Height);
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = extent };
        builder.SetSites(sites);
        var diagram = builder.GetDiagram(CellGeometry.Factory);
        var clip = CellGeometry.Factory.ToGeometry(extent);
        return Enumerable.Range(0, diagram.NumGeometries)
            .Select(i => diagram.GetGeometryN(i).Intersection(clip))
            .OfType<Polygon>()
            .Where(p => !p.IsEmpty)
            .Select(p => (Polygon)CellGeometry.Factory.CreateGeometry(p))
            .ToList();
    }
}
