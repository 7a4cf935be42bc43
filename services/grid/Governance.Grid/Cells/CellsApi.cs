using System.Text.Json;
using Governance.Grid.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Governance.Grid.Cells;

/// <summary>Grid cells over REST, GeoJSON in and out, under <c>/api/grid/cells</c>.</summary>
public static class CellsApi
{
    private const string GeoJsonType = "application/geo+json";

    /// <summary>What an import that was not refused did.</summary>
    public sealed record ImportResult(int Created, int Updated, IReadOnlyList<string> Warnings);

    public static IEndpointRouteBuilder MapCellsApi(this IEndpointRouteBuilder app)
    {
        var cells = app.MapGroup("/api/grid/cells");
        cells.MapGet("", List).Produces(StatusCodes.Status200OK, typeof(JsonElement), GeoJsonType).ProducesRefusals(400);
        cells.MapGet("/{code}", Get).Produces(StatusCodes.Status200OK, typeof(JsonElement), GeoJsonType).ProducesRefusals(404);
        // A county's import can run to megabytes of coordinates: 1,000,000 vertices written with 7
        // decimals take about 24 MB, so the vertex limit is met before this one.
        cells.MapPost("/import", Import).WithMetadata(new RequestSizeLimitAttribute(32 * 1024 * 1024))
            .Produces<ImportResult>().ProducesRefusals(400, 409, 413, 415);
        return app;
    }

    private static async Task<IResult> List(HttpContext http, GridDb db, string? community, CancellationToken ct)
    {
        if (!OrgPath.TryParse(community, out var path)) throw DomainException.Invalid("community", "Give the community's org path, e.g. 632801/001/002.");
        await http.EnsurePermittedAsync("grid.read", path);
        var found = await db.Cells.AsNoTracking().Where(c => c.CommunityPath == path.Value && c.RetiredAt == null).OrderBy(c => c.Sequence).ToListAsync(ct);
        var collection = new FeatureCollection();
        foreach (var cell in found) collection.Add(ToFeature(cell));
        return TypedResults.Json(collection, CellGeometry.Options, GeoJsonType);
    }

    private static async Task<IResult> Get(HttpContext http, GridDb db, string code, CancellationToken ct)
    {
        var cell = await db.Cells.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
        // Out of reach reads as absent: a caller outside the subtree learns nothing about it.
        if (cell is null || !await http.IsPermittedAsync("grid.read", OrgPath.Parse(cell.OrgPath)))
            throw DomainException.NotFound($"No grid {code} within your reach.");
        return TypedResults.Json(ToFeature(cell), CellGeometry.Options, GeoJsonType);
    }

    private static async Task<IResult> Import(HttpContext http, CellImport import, string? community, CancellationToken ct)
    {
        if (!OrgPath.TryParse(community, out var path)) throw DomainException.Invalid("community", "Give the community's org path, e.g. 632801/001/002.");
        await http.EnsurePermittedAsync("grid.manage", path);
        // GeoJSON's own media type (RFC 7946) as well as plain JSON.
        if (http.Request.ContentType?.Split(';')[0].Trim() is not ("application/json" or GeoJsonType))
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the FeatureCollection as application/geo+json or application/json.");
        // Counted while it arrives: past a limit, nothing of it is parsed into a document or geometries.
        using var body = JsonDocument.Parse(await ImportLimits.ReadAsync(http.Request.Body, ct));
        var outcome = await import.ImportAsync(path.Value, body.RootElement, ct);
        if (outcome.Refused)
            return TypedResults.ValidationProblem(outcome.Errors!, detail: "Nothing was imported: fix the features named below.", title: "Invalid request");
        return TypedResults.Ok(new ImportResult(outcome.Created, outcome.Updated, outcome.Warnings));
    }

    /// <summary>A cell as a GeoJSON Feature whose "id" is its code (see <see cref="CellGeometry.Options"/>).</summary>
    private static Feature ToFeature(GridCell cell)
    {
        var properties = new AttributesTable
        {
            { "id", cell.Code }, { "code", cell.Code }, { "sequence", cell.Sequence }, { "name", cell.Name },
            { "type", cell.Type.Name() }, { "orgPath", cell.OrgPath },
        };
        if (cell.Households is { } h) properties.Add("households", h);
        if (cell.Population is { } p) properties.Add("population", p);
        // Stored as written by CellGeometry.ToJson after the import checked it: no need to check again.
        return new Feature(JsonSerializer.Deserialize<Geometry>(cell.Geometry, CellGeometry.Options), properties);
    }
}
