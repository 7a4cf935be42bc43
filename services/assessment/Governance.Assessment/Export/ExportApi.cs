using Governance.Assessment.Access;
using Governance.Assessment.Indicators;
using Governance.Assessment.Publishing;
using Governance.Assessment.Scores;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using MiniExcelLibs;

namespace Governance.Assessment.Export;

/// <summary>
/// The ranking and every scorecard of an org node's period as an xlsx (<see cref="ScoreWorkbook"/>): live
/// (<c>GET /api/assessment/rankings/xlsx?org=&amp;period=</c>) or as published (<c>GET /api/assessment/published/{id}/xlsx</c>);
/// <c>assessment.read</c> reaching the node. Everything that can refuse is checked and computed before the first byte;
/// the workbook is then written to the response as MiniExcel produces it, never held whole.
/// </summary>
public static class ExportApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapExportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rankings/xlsx", LiveAsync).Produces(StatusCodes.Status200OK, contentType: XlsxType).ProducesRefusals(400);
        api.MapGet("/published/{id:guid}/xlsx", PublishedAsync).Produces(StatusCodes.Status200OK, contentType: XlsxType).ProducesRefusals(404);
        return api;
    }

    private static async Task LiveAsync(HttpContext http, Scorecards scores, RolePermissions permissions, string? org, string? period, CancellationToken ct)
    {
        if (!OrgPath.TryParse(org, out var path)) throw DomainException.Invalid("org", $"The org '{org}' is not an org path such as 632801/001.");
        var p = Period.Parse(period);
        await permissions.EnsurePermittedAsync(http.Caller(), AssessmentPermissions.Read, path, ct);
        var cards = await scores.CardsWithinAsync(path, p, ct);
        var ranking = Scorecards.RankingOf(path.Value, p.Label, cards);
        var byId = cards.ToDictionary(c => c.DepartmentId);
        var stem = $"{ScoreWorkbook.PeriodTitle(p.Label)}考核排名-{path.Value.Replace('/', '-')}";
        await WriteAsync(http, stem, $"assessment-{path.Value.Replace('/', '-')}-{p.Label}",
            ScoreWorkbook.Sheets(ranking, [.. ranking.Departments.Select(d => byId[d.DepartmentId])], ""), ct);
    }

    private static async Task PublishedAsync(HttpContext http, Publisher publisher, Guid id, CancellationToken ct)
    {
        var (view, cards) = await publisher.ReadWholeAsync(http.Caller(), id, ct);
        var s = view.Snapshot;
        // Beijing time: the date the county knows it by.
        var edition = $"（第{s.Version}版，{s.PublishedAt.AddHours(8):yyyy-MM-dd}发布）";
        var org = s.Org.Replace('/', '-');
        await WriteAsync(http, $"{ScoreWorkbook.PeriodTitle(s.Period)}考核排名-{org}-第{s.Version}版", $"assessment-{org}-{s.Period}-v{s.Version}",
            ScoreWorkbook.Sheets(view.Ranking, cards, edition), ct);
    }

    private static async Task WriteAsync(HttpContext http, string fileName, string asciiFileName, Dictionary<string, object> sheets, CancellationToken ct)
    {
        http.Response.ContentType = XlsxType;
        // filename for old clients, filename* (RFC 5987, UTF-8) for the Chinese name every current browser uses.
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = asciiFileName + ".xlsx", FileNameStar = fileName + ".xlsx",
        }.ToString();
        // The zip's directory is written when MiniExcel disposes its archive, synchronously.
        if (http.Features.Get<IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;
        await MiniExcel.SaveAsAsync(http.Response.Body, sheets, printHeader: false, excelType: ExcelType.XLSX, cancellationToken: ct);
    }
}
