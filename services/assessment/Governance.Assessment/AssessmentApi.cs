using Governance.Assessment.Access;
using Governance.Assessment.Indicators;
using Governance.Assessment.Inspections;
using Governance.Assessment.Letters;
using Governance.Assessment.Manual;
using Governance.Assessment.Publishing;
using Governance.Assessment.Replay;
using Governance.Assessment.Scores;
using Governance.Assessment.Tasks;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Governance.ServiceDefaults.Versioning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Assessment;

/// <summary>
/// Assessment's REST API under <c>/api/assessment</c> (OpenAPI document <c>/openapi/assessment.json</c>):
/// <list type="bullet">
/// <item><c>/indicators</c>: the indicator library as data (<see cref="VersionedDocumentApi"/>);</item>
/// <item><c>GET /indicator-values?period=&amp;department=|org=</c> every indicator's value; <c>GET /records?indicator=&amp;period=&amp;department=|org=</c>
/// the records behind one (its numerator and denominator);</item>
/// <item><c>/letters</c>: responsibility letters, their versions and signatures;</item>
/// <item><c>GET /scorecard?department=&amp;period=</c>, <c>GET /rankings?org=&amp;period=</c>, <c>GET /trends?department=&amp;year=</c>;</item>
/// <item><c>POST /replay</c>: rebuild the facts from the event log, as a job (<see cref="ReplayJobsApi"/>);</item>
/// <item><c>/published</c>: published snapshots; <c>/rankings/xlsx</c>, <c>/published/{id}/xlsx</c>: exports (<see cref="PublishingExtensions"/>);</item>
/// <item><c>POST /care-visit-figures?month=</c>: fetch a month's care-visit counts from population.</item>
/// <item><c>/manual-values</c>, <c>/tasks</c>, <c>/findings</c>: what people enter, reviewed (<see cref="ManualValuesApi"/>, <see cref="TasksApi"/>, <see cref="FindingsApi"/>).</item>
/// </list>
/// </summary>
public static class AssessmentApi
{
    public static IEndpointRouteBuilder MapAssessmentApi(this IEndpointRouteBuilder app)
    {
        app.MapVersionedDocumentApi<IndicatorBook, IndicatorLibraryChanges, IndicatorLibraryVersion, IndicatorLibrary, IndicatorLibraryChanges.Change>(
            "/api/assessment/indicators", AssessmentPermissions.Read);
        var api = app.MapGroup("/api/assessment");
        api.MapGet("/indicator-values", IndicatorValuesAsync).ProducesRefusals(400);
        api.MapGet("/records", RecordsAsync).ProducesRefusals(400);
        api.MapGet("/scorecard", ScorecardAsync).ProducesRefusals(400, 404);
        api.MapGet("/rankings", RankingsAsync).ProducesRefusals(400);
        api.MapGet("/trends", TrendsAsync).ProducesRefusals(400, 403, 404);
        api.MapGet("/letters", LettersAsync).ProducesRefusals(400);
        api.MapPost("/letters", CreateLetterAsync).ProducesRefusals(400, 409);
        api.MapGet("/letters/{id:guid}", LetterAsync).ProducesRefusals(404);
        api.MapPut("/letters/{id:guid}/versions/{version:int}", ChangeDraftAsync).ProducesRefusals(400, 404, 409);
        api.MapPost("/letters/{id:guid}/versions", NewVersionAsync).ProducesRefusals(400, 404, 409);
        api.MapPost("/letters/{id:guid}/versions/{version:int}/sign", SignAsync).ProducesRefusals(404, 409);
        api.MapPost("/care-visit-figures", FetchCareVisitsAsync).ProducesRefusals(400, 503);
        api.MapManualValuesApi().MapTasksApi().MapFindingsApi();
        api.MapAssessmentPublishing();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<IndicatorValue>>> IndicatorValuesAsync(HttpContext http, Scorecards scores, string? period, string? department, string? org,
        CancellationToken ct) => TypedResults.Ok(await scores.ValuesAsync(http.Caller(), period, department, org, ct));

    private static async Task<Ok<Scorecards.IndicatorRecords>> RecordsAsync(HttpContext http, Scorecards scores, string? indicator, string? period, string? department,
        string? org, CancellationToken ct) => TypedResults.Ok(await scores.RecordsAsync(http.Caller(), indicator, period, department, org, ct));

    private static async Task<Ok<Scorecards.Scorecard>> ScorecardAsync(HttpContext http, Scorecards scores, string? department, string? period, CancellationToken ct) =>
        TypedResults.Ok(await scores.ForDepartmentAsync(http.Caller(), department, period, ct));

    private static async Task<Ok<Scorecards.Ranking>> RankingsAsync(HttpContext http, Scorecards scores, string? org, string? period, CancellationToken ct) =>
        TypedResults.Ok(await scores.RankAsync(http.Caller(), org, period, ct));

    private static async Task<Ok<Trends.Trend>> TrendsAsync(HttpContext http, Trends trends, string? department, int? year, CancellationToken ct) =>
        TypedResults.Ok(await trends.ForDepartmentAsync(http.Caller(), department, year, ct));

    private static async Task<Ok<IReadOnlyList<LetterBook.LetterView>>> LettersAsync(HttpContext http, LetterBook letters, int? year, CancellationToken ct)
    {
        if (year is not { } y || y is < 2000 or > 2100) throw DomainException.Invalid("year", "The year is 2000 to 2100.");
        return TypedResults.Ok(await letters.ListAsync(http.Caller(), y, ct));
    }

    private static async Task<Created<LetterBook.LetterView>> CreateLetterAsync(HttpContext http, LetterBook letters, LetterBook.CreateRequest request, CancellationToken ct)
    {
        var letter = await letters.CreateAsync(http.Caller(), request, ct);
        return TypedResults.Created($"/api/assessment/letters/{letter.Id}", letter);
    }

    private static async Task<Ok<LetterBook.LetterView>> LetterAsync(HttpContext http, LetterBook letters, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await letters.ReadAsync(http.Caller(), id, ct));

    private static async Task<Ok<LetterBook.LetterView>> ChangeDraftAsync(HttpContext http, LetterBook letters, Guid id, int version, LetterBook.DraftRequest request,
        CancellationToken ct) => TypedResults.Ok(await letters.ChangeDraftAsync(http.Caller(), id, version, request, ct));

    private static async Task<Ok<LetterBook.LetterView>> NewVersionAsync(HttpContext http, LetterBook letters, Guid id, LetterBook.NewVersionRequest request,
        CancellationToken ct) => TypedResults.Ok(await letters.NewVersionAsync(http.Caller(), id, request, ct));

    private static async Task<Ok<LetterBook.LetterView>> SignAsync(HttpContext http, LetterBook letters, Guid id, int version, CancellationToken ct) =>
        TypedResults.Ok(await letters.SignAsync(http.Caller(), id, version, ct));

    private static async Task<Ok<CareVisits.CareVisitFetcher.Fetched>> FetchCareVisitsAsync(HttpContext http, RolePermissions permissions,
        CareVisits.CareVisitFetcher fetcher, string? month, CancellationToken ct)
    {
        await permissions.EnsureAnyRoleCarriesAsync(http.Caller(), AssessmentPermissions.Manage, ct);
        return TypedResults.Ok(await fetcher.FetchAsync(month, ct));
    }
}
