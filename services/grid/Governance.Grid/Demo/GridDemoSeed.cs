using System.Text.Json;
using Governance.Contracts.Demo;
using Governance.Grid.Cells;
using Governance.Grid.Data;
using Governance.Grid.Incidents;
using Governance.Grid.Staffing;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace Governance.Grid.Demo;

/// <summary>Demo settings. JSON shape: <code>"Grid": { "DemoSeed": true }</code> (the standalone host only).</summary>
public sealed class GridDemoOptions
{
    public const string Section = "Grid";
    public bool DemoSeed { get; set; }
}

/// <summary>
/// The standalone demo's grids: once identity's demo communities have reached this service (through
/// its org events), each community gets 24 Voronoi grids on a lattice near Golmud, a leader and a
/// worker per grid, and incidents in every state of the loop, driven through the real workflow.
/// Runs once: nothing happens when cells exist already.
/// </summary>
internal sealed partial class GridDemoSeed(IServiceScopeFactory scopes, IOptions<GridDemoOptions> options, ILogger<GridDemoSeed> logger) : BackgroundService
{
    private const int GridsPerCommunity = 24, Incidents = 90;
    private const double CommunitySize = 0.02; // degrees, about 2 km

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DemoSeed) return;
        try
        {
            var communities = await WaitForCommunitiesAsync(stoppingToken);
            if (communities.Count == 0 || !await WaitForDepartmentAsync(stoppingToken) || !await WaitForRolesAsync(stoppingToken)) return;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GridDb>();
            if (await db.Cells.AnyAsync(stoppingToken)) return;
            var cells = await DrawGridsAsync(scope.ServiceProvider, communities, stoppingToken);
            await StaffAsync(db, cells, stoppingToken);
            await DrawAreasAsync(db, cells, stoppingToken);
            var reported = await new DemoIncidents(scopes, cells).RunAsync(Incidents, stoppingToken);
            LogSeeded(logger, communities.Count, cells.Count, reported);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    /// <summary>Identity's events arrive over a few seconds: wait until the communities stop coming (at most a minute).</summary>
    private async Task<List<string>> WaitForCommunitiesAsync(CancellationToken ct)
    {
        var seen = -1;
        for (var i = 0; i < 60; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            await using var scope = scopes.CreateAsyncScope();
            var communities = await scope.ServiceProvider.GetRequiredService<GridDb>().OrgNodes.AsNoTracking()
                .Where(n => n.Level == "community" && !n.Retired).OrderBy(n => n.Path).Select(n => n.Path).ToListAsync(ct);
            if (communities.Count > 0 && communities.Count == seen) return communities;
            seen = communities.Count;
        }
        return [];
    }

    /// <summary>Dispatches name only departments identity has published: wait for the demo's urban management bureau (at most a minute).</summary>
    private async Task<bool> WaitForDepartmentAsync(CancellationToken ct)
    {
        var id = DemoDepartments.UrbanManagement.ToString();
        for (var i = 0; i < 60; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<GridDb>().Departments.AnyAsync(d => d.DepartmentId == id && d.Known && !d.Retired, ct)) return true;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        LogNoDepartment(logger, id);
        return false;
    }

    /// <summary>
    /// The incidents are driven through the workflow, which checks permissions against identity's
    /// roles document: until this service has read it once (identity may answer slowly while it
    /// starts), every step would be refused. Wait for it (90 s: a failed read is retried after 30 s).
    /// </summary>
    private async Task<bool> WaitForRolesAsync(CancellationToken ct)
    {
        for (var i = 0; i < 90; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<RolePermissions>().PermitsAsync(["grid_worker"], "incident.report", ct)) return true;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        LogNoRoles(logger);
        return false;
    }

    private static async Task<List<GridCell>> DrawGridsAsync(IServiceProvider services, List<string> communities, CancellationToken ct)
    {
        var import = services.GetRequiredService<CellImport>();
        var random = new Random(2026);
        var types = Enum.GetValues<GridCellType>();
        for (var c = 0; c < communities.Count; c++)
        {
            double x = 94.86 + c % 4 * CommunitySize, y = 36.38 + c / 4 * CommunitySize;
            var polygons = SyntheticGrids.Tile(new Envelope(x, x + CommunitySize, y, y + CommunitySize), GridsPerCommunity, seed: c + 1)
                .OrderByDescending(p => Math.Round(p.Centroid.Y, 3)).ThenBy(p => p.Centroid.X).ToList();
            var features = polygons.Select((p, i) => new
            {
                type = "Feature",
                properties = new { sequence = $"{i + 1:D3}", name = $"演示第{i + 1}网格", type = types[random.Next(types.Length)].Name(), households = random.Next(280, 520) },
                geometry = JsonDocument.Parse(CellGeometry.ToJson(p)).RootElement,
            });
            using var collection = JsonDocument.Parse(JsonSerializer.Serialize(new { type = "FeatureCollection", features }));
            var outcome = await import.ImportAsync(communities[c], collection.RootElement, ct);
            if (outcome.Refused) throw new InvalidOperationException($"demo grids of {communities[c]} refused: {string.Join("; ", outcome.Errors!.Select(e => e.Key + ": " + e.Value[0]))}");
        }
        return await services.GetRequiredService<GridDb>().Cells.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
    }

    private static async Task StaffAsync(GridDb db, List<GridCell> cells, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        for (var i = 0; i < cells.Count; i++)
        {
            db.Add(new GridPost { GridCode = cells[i].Code, Post = "leader", Name = $"演示-网格长{i + 1}", From = now, AssignedBy = "demo-seed" });
            db.Add(new GridPost { GridCode = cells[i].Code, Post = "worker", Name = $"演示-网格员{i + 1}", From = now, AssignedBy = "demo-seed" });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The first grid of each community gets a compound of three buildings with two units each, announced like any area
    /// drawn over REST: population's demo puts its rooms, households and residents in them.
    /// </summary>
    private static async Task DrawAreasAsync(GridDb db, List<GridCell> cells, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        foreach (var (cell, n) in cells.GroupBy(c => c.CommunityPath).Select((g, i) => (g.First(), i + 1)))
        {
            var centre = CellGeometry.ReadPolygonal(cell.Geometry).InteriorPoint;
            var compound = Area(cell, "compound", "01", $"演示小区{n}", null, centre.Y, centre.X);
            foreach (var b in Enumerable.Range(1, 3))
            {
                var building = Area(cell, "building", $"{b}", $"{b}号楼", compound.Id, centre.Y + b * 0.0003, centre.X);
                foreach (var u in Enumerable.Range(1, 2)) Area(cell, "unit", $"{u}", $"{u}单元", building.Id, null, null);
            }
        }
        await db.SaveChangesAsync(ct);

        GridArea Area(GridCell cell, string kind, string code, string name, Guid? parent, double? latitude, double? longitude)
        {
            var area = new GridArea { GridCode = cell.Code, Kind = kind, Code = code, Name = name, ParentId = parent, Latitude = latitude, Longitude = longitude };
            db.Add(area);
            db.AddToOutbox(area.Registered(cell.OrgPath, now), cell.Code);
            return area;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grid DEMO seed: {Communities} communities, {Grids} grids with a leader and a worker each, {Incidents} incidents across the loop. Demo data only.")]
    private static partial void LogSeeded(ILogger logger, int communities, int grids, int incidents);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grid demo seed skipped: the demo department {DepartmentId} never arrived from identity")]
    private static partial void LogNoDepartment(ILogger logger, string departmentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grid demo seed: identity's roles document could not be read within 90 s; no demo grids")]
    private static partial void LogNoRoles(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grid demo seed failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
