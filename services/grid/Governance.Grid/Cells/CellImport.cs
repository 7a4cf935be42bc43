using System.Text.Json;
using Governance.Contracts.Grid;
using Governance.Grid.Data;
using Governance.Grid.Lookup;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Governance.ServiceDefaults.Data;

namespace Governance.Grid.Cells;

/// <summary>What an import did, or why it did nothing.</summary>
public sealed record ImportOutcome(int Created, int Updated, IReadOnlyList<string> Warnings, IDictionary<string, string[]>? Errors)
{
    public bool Refused => Errors is { Count: > 0 };
}

/// <summary>
/// Imports a community's grids from a GeoJSON FeatureCollection, all or nothing. A feature whose
/// sequence exists replaces that cell's boundary and attributes; the others create cells. Refused,
/// naming each offending feature: malformed or invalid polygons, repeated sequences, and polygons
/// whose interiors overlap another grid of the community (shared edges are how grids meet, and fine).
/// The HTTP body is held to <see cref="ImportLimits"/> before it gets here.
/// </summary>
public sealed class CellImport(GridDb db, GridLocator locator, TimeProvider clock)
{
    /// <summary>DOMAIN.md: a grid serves about 300–500 households.</summary>
    public const int FewestHouseholds = 300, MostHouseholds = 500;

    /// <summary>About 1 m² at Chinese latitudes: less than this is rounding along a shared edge, not an overlap.</summary>
    internal const double OverlapToleranceSquareDegrees = 1e-10;

    public async Task<ImportOutcome> ImportAsync(string communityPath, JsonElement collection, CancellationToken ct)
    {
        var community = await db.OrgNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Path == communityPath, ct);
        if (community is null || community.Level != "community")
            throw DomainException.Invalid("community", $"No community has the org path '{communityPath}'.");
        if (community.Retired)
            throw DomainException.RuleViolated("RetiredCommunityTakesNoGrids", $"The community {communityPath} is retired.");
        var segments = communityPath.Split('/');
        if (segments.Length < 3 || segments[^3].Length != 6)
            throw DomainException.RuleViolated("GridCodeNeedsCountyStreetCommunity",
                $"The community {communityPath} does not lie under a county and a street, so its grids cannot have 15-digit codes.");
        var codePrefix = string.Concat(segments[^3..]);

        if (collection.ValueKind != JsonValueKind.Object || !collection.TryGetProperty("type", out var t) || t.GetString() != "FeatureCollection"
            || !collection.TryGetProperty("features", out var items) || items.ValueKind != JsonValueKind.Array)
            throw DomainException.Invalid("type", "The body must be a GeoJSON FeatureCollection with a 'features' array.");
        if (items.GetArrayLength() is 0 or > ImportLimits.MaxFeatures)
            throw DomainException.Invalid("features", $"An import holds 1 to {ImportLimits.MaxFeatures} features.");

        var errors = new Dictionary<string, string[]>();
        var features = items.EnumerateArray().Select((f, i) => CellFeature.Read(f, i, errors)).OfType<CellFeature>().ToList();
        foreach (var repeated in features.GroupBy(f => f.Sequence).Where(g => g.Count() > 1))
            foreach (var feature in repeated.Skip(1))
                errors[feature.Label] = [$"The sequence {feature.Sequence} appears more than once in this import."];
        if (errors.Count > 0) return new ImportOutcome(0, 0, [], errors);

        var existing = await db.Cells.Where(c => c.CommunityPath == communityPath && c.RetiredAt == null).ToListAsync(ct);
        var kept = existing.Where(c => features.All(f => f.Sequence != c.Sequence))
            .Select(c => ($"existing grid {c.Code}", CellGeometry.ReadPolygonal(c.Geometry)));
        foreach (var (label, message) in Overlaps(features.Select(f => (f.Label, f.Geometry)).Concat(kept).ToList()))
            errors[label] = [message];
        if (errors.Count > 0) return new ImportOutcome(0, 0, [], errors);

        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0;
        var warnings = new List<string>();
        foreach (var f in features)
        {
            if (f.Households is { } h && h is < FewestHouseholds or > MostHouseholds)
                warnings.Add($"{f.Label}: {h} households is outside the usual {FewestHouseholds}–{MostHouseholds} per grid.");
            var geometry = CellGeometry.ToJson(f.Geometry);
            var cell = existing.FirstOrDefault(c => c.Sequence == f.Sequence);
            if (cell is null)
            {
                cell = new GridCell
                {
                    Code = codePrefix + f.Sequence, CommunityPath = communityPath, Sequence = f.Sequence, Name = f.Name, Type = f.Type,
                    Geometry = geometry, Households = f.Households, Population = f.Population, CreatedAt = now, UpdatedAt = now,
                };
                db.Cells.Add(cell);
                db.AddToOutbox(new GridCellCreated(cell.Code, cell.OrgPath, cell.Name, cell.Type.Name(), now), cell.Code);
                created++;
                continue;
            }
            var moved = cell.Geometry != geometry;
            (cell.Name, cell.Type, cell.Geometry, cell.Households, cell.Population) = (f.Name, f.Type, geometry, f.Households, f.Population);
            cell.UpdatedAt = now;
            cell.Version = Guid.NewGuid();
            db.AddToOutbox(new GridCellChanged(cell.Code, cell.OrgPath, cell.Name, cell.Type.Name(), moved, now), cell.Code);
            updated++;
        }
        // A grid code created, or a grid changed, by a concurrent import.
        await db.SaveOrConflictAsync(() => DomainException.RuleViolated("CommunityGridsChangedMeanwhile",
            $"The grids of {communityPath} were changed by someone else meanwhile; import again."), ct: ct);
        locator.Invalidate();
        return new ImportOutcome(created, updated, warnings, null);
    }

    /// <summary>Every pair whose interiors share area, named by the later one of the pair.</summary>
    private static IEnumerable<(string Label, string Message)> Overlaps(IReadOnlyList<(string Label, Geometry Geometry)> shapes)
    {
        var tree = new STRtree<int>();
        for (var i = 0; i < shapes.Count; i++) tree.Insert(shapes[i].Geometry.EnvelopeInternal, i);
        for (var i = 0; i < shapes.Count; i++)
        {
            foreach (var j in tree.Query(shapes[i].Geometry.EnvelopeInternal).Where(j => j < i).Order())
            {
                // Interior meets interior in more than rounding slivers: coordinates typed or
                // converted by different tools disagree in the last digits along a shared edge.
                if (shapes[i].Geometry.Relate(shapes[j].Geometry, "T********")
                    && shapes[i].Geometry.Intersection(shapes[j].Geometry).Area > OverlapToleranceSquareDegrees)
                {
                    // Existing grids come last and never overlap each other: name the imported one.
                    var (named, other) = shapes[i].Label.StartsWith("existing", StringComparison.Ordinal) ? (j, i) : (i, j);
                    yield return (shapes[named].Label, $"The polygon overlaps {shapes[other].Label}.");
                    break;
                }
            }
        }
    }
}
