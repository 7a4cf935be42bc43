using System.Text;
using System.Text.Json;
using Governance.Grid.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Cells;

/// <summary>Grid cells over REST, GeoJSON in and out, under <c>/api/grid/cells</c>.</summary>
public static class CellsApi
{
    private const string GeoJsonType = "application/geo+json";

    public static IEndpointRouteBuilder MapCellsApi(this IEndpointRouteBuilder app)
    {
        var cells = app.MapGroup("/api/grid/cells");
        cells.MapGet("", List);
        cells.MapGet("/{code}", Get);
        // A county's import can run to megabytes of coordinates.
        cells.MapPost("/import", Import).WithMetadata(new RequestSizeLimitAttribute(16 * 1024 * 1024));
        return app;
    }

    private static async Task<IResult> List(HttpContext http, GridDb db, string? community, CancellationToken ct)
    {
        if (!OrgPath.TryParse(community, out var path)) throw DomainException.Invalid("community", "Give the community's org path, e.g. 632801/001/002.");
        await http.EnsurePermittedAsync("grid.read", path);
        var found = await db.Cells.AsNoTracking().Where(c => c.CommunityPath == path.Value && c.RetiredAt == null).OrderBy(c => c.Sequence).ToListAsync(ct);
        return Results.Text(Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var cell in found) WriteFeature(w, cell);
            w.WriteEndArray();
            w.WriteEndObject();
        }), GeoJsonType, Encoding.UTF8);
    }

    private static async Task<IResult> Get(HttpContext http, GridDb db, string code, CancellationToken ct)
    {
        var cell = await db.Cells.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
        // Out of reach reads as absent: a caller outside the subtree learns nothing about it.
        if (cell is null || !await http.IsPermittedAsync("grid.read", OrgPath.Parse(cell.OrgPath)))
            throw DomainException.NotFound($"No grid {code} within your reach.");
        return Results.Text(Write(w => WriteFeature(w, cell)), GeoJsonType, Encoding.UTF8);
    }

    private static async Task<IResult> Import(HttpContext http, CellImport import, string? community, CancellationToken ct)
    {
        if (!OrgPath.TryParse(community, out var path)) throw DomainException.Invalid("community", "Give the community's org path, e.g. 632801/001/002.");
        await http.EnsurePermittedAsync("grid.manage", path);
        // GeoJSON's own media type (RFC 7946) as well as plain JSON.
        if (http.Request.ContentType?.Split(';')[0].Trim() is not ("application/json" or GeoJsonType))
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the FeatureCollection as application/geo+json or application/json.");
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            throw DomainException.Invalid("body", "The body is not valid JSON: " + e.Message);
        }
        using var _ = body;
        var outcome = await import.ImportAsync(path.Value, body.RootElement, ct);
        if (outcome.Refused)
            return TypedResults.ValidationProblem(outcome.Errors!, detail: "Nothing was imported: fix the features named below.", title: "Invalid request");
        return TypedResults.Ok(new { created = outcome.Created, updated = outcome.Updated, warnings = outcome.Warnings });
    }

    private static void WriteFeature(Utf8JsonWriter w, GridCell cell)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteString("id", cell.Code);
        w.WriteStartObject("properties");
        w.WriteString("code", cell.Code);
        w.WriteString("sequence", cell.Sequence);
        w.WriteString("name", cell.Name);
        w.WriteString("type", cell.Type.Name());
        w.WriteString("orgPath", cell.OrgPath);
        if (cell.Households is { } h) w.WriteNumber("households", h);
        if (cell.Population is { } p) w.WriteNumber("population", p);
        w.WriteEndObject();
        w.WritePropertyName("geometry");
        using (var geometry = JsonDocument.Parse(cell.Geometry)) geometry.RootElement.WriteTo(w);
        w.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
