using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Assessment.Inspections;

/// <summary>
/// <c>/api/assessment/findings</c>: <c>POST</c> record a finding (an inspector), <c>POST /{id}/contest</c> contest it once (the
/// department's handlers), <c>POST /{id}/decision</c> uphold or withdraw it, <c>GET /{id}</c>, <c>GET ?department=|org=&amp;period=&amp;state=</c>.
/// </summary>
public static class FindingsApi
{
    public static RouteGroupBuilder MapFindingsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/findings", RecordAsync).ProducesRefusals(400, 403);
        api.MapPost("/findings/{id:guid}/contest", ContestAsync).ProducesRefusals(400, 403, 404, 409);
        api.MapPost("/findings/{id:guid}/decision", DecideAsync).ProducesRefusals(400, 403, 404, 409);
        api.MapGet("/findings/{id:guid}", ReadAsync).ProducesRefusals(403, 404);
        api.MapGet("/findings", ListAsync).ProducesRefusals(400, 403);
        return api;
    }

    private static async Task<Created<FindingBook.FindingView>> RecordAsync(HttpContext http, FindingBook book, FindingBook.RecordRequest request, CancellationToken ct)
    {
        var finding = await book.RecordAsync(http.Caller(), request, ct);
        return TypedResults.Created($"/api/assessment/findings/{finding.Id}", finding);
    }

    private static async Task<Ok<FindingBook.FindingView>> ContestAsync(HttpContext http, FindingBook book, Guid id, FindingBook.ContestRequest request,
        CancellationToken ct) => TypedResults.Ok(await book.ContestAsync(http.Caller(), id, request, ct));

    private static async Task<Ok<FindingBook.FindingView>> DecideAsync(HttpContext http, FindingBook book, Guid id, FindingBook.DecisionRequest request,
        CancellationToken ct) => TypedResults.Ok(await book.DecideAsync(http.Caller(), id, request, ct));

    private static async Task<Ok<FindingBook.FindingView>> ReadAsync(HttpContext http, FindingBook book, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await book.ReadAsync(http.Caller(), id, ct));

    private static async Task<Ok<IReadOnlyList<FindingBook.FindingView>>> ListAsync(HttpContext http, FindingBook book, string? department, string? org,
        string? period, string? state, CancellationToken ct) => TypedResults.Ok(await book.ListAsync(http.Caller(), department, org, period, state, ct));
}
