using Governance.Population.Access;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;

namespace Governance.Population.Exports;

/// <summary>
/// Exports under <c>/api/population/exports</c>: an xlsx written to the response as its rows are read, so a
/// county's population never sits in memory whole. Everything that can refuse (the purpose, the org, the reach)
/// is checked before the first byte is sent; a failure later (the access log cannot be written) aborts the
/// response, which leaves the client an unreadable file, never a complete-looking short one.
/// </summary>
public static class ExportsApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/population/exports");
        exports.MapGet("/persons", Persons).Produces(StatusCodes.Status200OK, contentType: XlsxType).ProducesRefusals(400, 403);
        exports.MapGet("/households", Households).Produces(StatusCodes.Status200OK, contentType: XlsxType).ProducesRefusals(400, 403);
        return app;
    }

    /// <summary>The persons within <c>org</c> and the caller's population.read reach, masked; needs a purpose; each person exported is logged.</summary>
    private static async Task Persons(HttpContext http, PersonExport export, string? org, string? purpose, string? purposeNote, CancellationToken ct)
    {
        var reading = new PersonAccess.Reading(http.Caller(), "rest", AccessPurposes.Check(purpose, purposeNote, required: true));
        var (within, subtrees) = await export.ReachAsync(reading.Caller, org, ct);
        await WriteAsync(http, $"persons-{within.Value.Replace('/', '-')}.xlsx", "人员", export.RowsAsync(reading, within, subtrees, ct), ct);
    }

    /// <summary>The households within <c>org</c> and the caller's population.read reach; needs a purpose (the heads' names are shown, each logged).</summary>
    private static async Task Households(HttpContext http, HouseholdExport export, RolePermissions permissions, string? org, string? purpose, string? purposeNote,
        CancellationToken ct)
    {
        var reading = new PersonAccess.Reading(http.Caller(), "rest", AccessPurposes.Check(purpose, purposeNote, required: true));
        var (within, subtrees) = await ExportReach.OfAsync(permissions, reading.Caller, org, ct);
        await WriteAsync(http, $"households-{within.Value.Replace('/', '-')}.xlsx", "户", export.RowsAsync(reading, within, subtrees, ct), ct);
    }

    private static async Task WriteAsync(HttpContext http, string fileName, string sheet, IAsyncEnumerable<IDictionary<string, object?>> rows, CancellationToken ct)
    {
        http.Response.ContentType = XlsxType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        // The zip's directory is written when MiniExcel disposes its archive, synchronously.
        if (http.Features.Get<IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;
        await MiniExcel.SaveAsAsync(http.Response.Body, rows, sheetName: sheet, excelType: ExcelType.XLSX, cancellationToken: ct);
    }
}
