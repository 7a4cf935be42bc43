using Governance.Grid.Data;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Cells;

/// <summary>A grid's compounds, buildings and units under <c>/api/grid/cells/{code}/areas</c>.</summary>
public static class GridAreasApi
{
    public sealed record AreaRequest(string? Kind, string? Code, string? Name, Guid? ParentId, int? Households, double? Latitude, double? Longitude);
    /// <summary>A change of name, households or point: what is given changes; <c>clearPoint</c> removes the point.</summary>
    public sealed record AreaChange(string? Name, int? Households, double? Latitude, double? Longitude, bool? ClearPoint);
    public sealed record AreaView(Guid Id, string Kind, string Code, string Name, Guid? ParentId, int? Households, double? Latitude, double? Longitude);

    public static IEndpointRouteBuilder MapGridAreasApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/grid/cells/{code}/areas", List).ProducesRefusals(404);
        app.MapPost("/api/grid/cells/{code}/areas", Add).ProducesRefusals(400, 404, 409);
        app.MapPatch("/api/grid/cells/{code}/areas/{id:guid}", Change).ProducesRefusals(400, 404);
        return app;
    }

    private static async Task<Ok<List<AreaView>>> List(HttpContext http, GridDb db, string code, CancellationToken ct)
    {
        var cell = await ActiveCells.FindAsync(db, code, ct);
        await http.EnsurePermittedAsync("grid.read", OrgPath.Parse(cell.OrgPath));
        var areas = await db.Set<GridArea>().AsNoTracking().Where(a => a.GridCode == code).OrderBy(a => a.Kind).ThenBy(a => a.Name).ToListAsync(ct);
        return TypedResults.Ok(areas.Select(View).ToList());
    }

    private static async Task<Created<AreaView>> Add(HttpContext http, GridDb db, string code, AreaRequest request, TimeProvider clock, CancellationToken ct)
    {
        var cell = await ActiveCells.FindAsync(db, code, ct);
        await http.EnsurePermittedAsync("grid.manage", OrgPath.Parse(cell.OrgPath));
        if (request.Kind is not { } kind || !GridArea.Kinds.Contains(kind))
            throw DomainException.Invalid("kind", $"The kind must be one of {string.Join(", ", GridArea.Kinds)}.");
        var areaCode = request.Code?.Trim() ?? "";
        if (!GridArea.IsValidCode(areaCode))
            throw DomainException.Invalid("code", $"An area code has 1 to {GridArea.MaxCodeLength} letters, digits and hyphens.");
        var name = CheckedName(request.Name);
        var parentKinds = GridArea.ParentKindsFor(kind);
        if (request.ParentId is { } parentId)
        {
            var parent = await db.Set<GridArea>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == parentId && a.GridCode == code, ct)
                ?? throw DomainException.Invalid("parentId", $"No area {parentId} in grid {code}.");
            if (!parentKinds.Contains(parent.Kind))
                throw DomainException.RuleViolated("AreaSitsInTheLevelAbove", $"A {kind} cannot sit in a {parent.Kind}.");
        }
        else if (kind == "unit")
            throw DomainException.RuleViolated("AreaSitsInTheLevelAbove", "A unit sits in a building: give its parentId.");
        if (request.Households is < 0) throw DomainException.Invalid("households", "The households must be 0 or more.");
        CheckPoint(request.Latitude, request.Longitude);
        if (await db.Set<GridArea>().AnyAsync(a => a.GridCode == code && a.ParentId == request.ParentId && a.Name == name, ct))
            throw DomainException.Duplicate($"'{name}' exists already at that place in grid {code}.");
        if (await db.Set<GridArea>().AnyAsync(a => a.GridCode == code && a.ParentId == request.ParentId && a.Code == areaCode, ct))
            throw CodeTaken(areaCode, code);
        var area = new GridArea
        {
            GridCode = code, Kind = kind, Code = areaCode, Name = name, ParentId = request.ParentId, Households = request.Households,
            Latitude = request.Latitude, Longitude = request.Longitude,
        };
        db.Add(area);
        // Keyed by the grid, so that a compound reaches population before the buildings drawn in it.
        db.AddToOutbox(area.Registered(cell.OrgPath, clock.GetUtcNow().UtcDateTime), code);
        await db.SaveOrConflictAsync(() => CodeTaken(areaCode, code), ct: ct);
        return TypedResults.Created($"/api/grid/cells/{code}/areas/{area.Id}", View(area));
    }

    private static async Task<Ok<AreaView>> Change(HttpContext http, GridDb db, string code, Guid id, AreaChange change, TimeProvider clock, CancellationToken ct)
    {
        var cell = await ActiveCells.FindAsync(db, code, ct);
        await http.EnsurePermittedAsync("grid.manage", OrgPath.Parse(cell.OrgPath));
        var area = await db.Set<GridArea>().FirstOrDefaultAsync(a => a.Id == id && a.GridCode == code, ct)
            ?? throw DomainException.NotFound($"No area {id} in grid {code}.");
        if (change.Name is not null) area.Name = CheckedName(change.Name);
        if (change.Households is < 0) throw DomainException.Invalid("households", "The households must be 0 or more.");
        if (change.Households is { } households) area.Households = households;
        if (change.ClearPoint == true)
        {
            if (change.Latitude is not null || change.Longitude is not null) throw DomainException.Invalid("clearPoint", "Clear the point or give a new one, not both.");
            (area.Latitude, area.Longitude) = (null, null);
        }
        else if (change.Latitude is not null || change.Longitude is not null)
        {
            CheckPoint(change.Latitude, change.Longitude);
            (area.Latitude, area.Longitude) = (change.Latitude, change.Longitude);
        }
        if (change.Name is not null && await db.Set<GridArea>().AnyAsync(a => a.Id != id && a.GridCode == code && a.ParentId == area.ParentId && a.Name == area.Name, ct))
            throw DomainException.Duplicate($"'{area.Name}' exists already at that place in grid {code}.");
        db.AddToOutbox(area.Changed(cell.OrgPath, clock.GetUtcNow().UtcDateTime), code);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(area));
    }

    private static string CheckedName(string? given)
    {
        var name = given?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100) throw DomainException.Invalid("name", "The name must be 1 to 100 characters.");
        return name;
    }

    private static void CheckPoint(double? latitude, double? longitude)
    {
        if (latitude is not null != longitude is not null || latitude is < -90 or > 90 || longitude is < -180 or > 180)
            throw DomainException.Invalid("latitude", "Give both latitude and longitude in WGS84, or neither.");
    }

    private static DomainException CodeTaken(string areaCode, string grid) =>
        DomainException.Duplicate($"The code '{areaCode}' is taken at that place in grid {grid}.");

    private static AreaView View(GridArea a) => new(a.Id, a.Kind, a.Code, a.Name, a.ParentId, a.Households, a.Latitude, a.Longitude);

}
