using Governance.Grid.Data;
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
    public sealed record AreaRequest(string? Kind, string? Name, Guid? ParentId, int? Households, double? Latitude, double? Longitude);
    public sealed record AreaView(Guid Id, string Kind, string Name, Guid? ParentId, int? Households, double? Latitude, double? Longitude);

    public static IEndpointRouteBuilder MapGridAreasApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/grid/cells/{code}/areas", List).ProducesRefusals(404);
        app.MapPost("/api/grid/cells/{code}/areas", Add).ProducesRefusals(400, 404, 409);
        return app;
    }

    private static async Task<Ok<List<AreaView>>> List(HttpContext http, GridDb db, string code, CancellationToken ct)
    {
        var cell = await ActiveCells.FindAsync(db, code, ct);
        await http.EnsurePermittedAsync("grid.read", OrgPath.Parse(cell.OrgPath));
        var areas = await db.Set<GridArea>().AsNoTracking().Where(a => a.GridCode == code).OrderBy(a => a.Kind).ThenBy(a => a.Name).ToListAsync(ct);
        return TypedResults.Ok(areas.Select(View).ToList());
    }

    private static async Task<Created<AreaView>> Add(HttpContext http, GridDb db, string code, AreaRequest request, CancellationToken ct)
    {
        var cell = await ActiveCells.FindAsync(db, code, ct);
        await http.EnsurePermittedAsync("grid.manage", OrgPath.Parse(cell.OrgPath));
        if (request.Kind is not { } kind || !GridArea.Kinds.Contains(kind))
            throw DomainException.Invalid("kind", $"The kind must be one of {string.Join(", ", GridArea.Kinds)}.");
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100) throw DomainException.Invalid("name", "The name must be 1 to 100 characters.");
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
        if (request.Latitude is not null != request.Longitude is not null || request.Latitude is < -90 or > 90 || request.Longitude is < -180 or > 180)
            throw DomainException.Invalid("latitude", "Give both latitude and longitude in WGS84, or neither.");
        if (await db.Set<GridArea>().AnyAsync(a => a.GridCode == code && a.ParentId == request.ParentId && a.Name == name, ct))
            throw DomainException.Duplicate($"'{name}' exists already at that place in grid {code}.");
        var area = new GridArea
        {
            GridCode = code, Kind = kind, Name = name, ParentId = request.ParentId, Households = request.Households,
            Latitude = request.Latitude, Longitude = request.Longitude,
        };
        db.Add(area);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/grid/cells/{code}/areas/{area.Id}", View(area));
    }

    private static AreaView View(GridArea a) => new(a.Id, a.Kind, a.Name, a.ParentId, a.Households, a.Latitude, a.Longitude);

}
