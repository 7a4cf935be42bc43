using Governance.Assessment.Scores;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Assessment.Publishing;

/// <summary>
/// Published snapshots under <c>/api/assessment/published</c> (<see cref="Publisher"/>): <c>POST</c> {org, period, note}
/// publishes the next version; <c>GET ?org=&amp;period=</c> lists the versions; <c>GET /{id}</c> one with its ranking;
/// <c>GET /{id}/scorecard?department=</c> and <c>GET /{id}/records?department=&amp;indicator=</c> its frozen drill-down.
/// </summary>
public static class PublishingApi
{
    public static RouteGroupBuilder MapPublishingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/published", PublishAsync).ProducesRefusals(400, 409);
        api.MapGet("/published", ListAsync).ProducesRefusals(400);
        api.MapGet("/published/{id:guid}", ReadAsync).ProducesRefusals(404);
        api.MapGet("/published/{id:guid}/scorecard", ScorecardAsync).ProducesRefusals(400, 404);
        api.MapGet("/published/{id:guid}/records", RecordsAsync).ProducesRefusals(400, 404);
        return api;
    }

    private static async Task<Created<Publisher.SnapshotView>> PublishAsync(HttpContext http, Publisher publisher, Publisher.PublishRequest request, CancellationToken ct)
    {
        var published = await publisher.PublishAsync(http.Caller(), request, ct);
        return TypedResults.Created(published.Snapshot.Location, published);
    }

    private static async Task<Ok<IReadOnlyList<Publisher.SnapshotSummary>>> ListAsync(HttpContext http, Publisher publisher, string? org, string? period,
        CancellationToken ct) => TypedResults.Ok(await publisher.ListAsync(http.Caller(), org, period, ct));

    private static async Task<Ok<Publisher.SnapshotView>> ReadAsync(HttpContext http, Publisher publisher, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await publisher.ReadAsync(http.Caller(), id, ct));

    private static async Task<Ok<Publisher.PublishedScorecardView>> ScorecardAsync(HttpContext http, Publisher publisher, Guid id, string? department,
        CancellationToken ct) => TypedResults.Ok(await publisher.ScorecardAsync(http.Caller(), id, department, ct));

    private static async Task<Ok<Scorecards.IndicatorRecords>> RecordsAsync(HttpContext http, Publisher publisher, Guid id, string? department, string? indicator,
        CancellationToken ct) => TypedResults.Ok(await publisher.RecordsAsync(http.Caller(), id, department, indicator, ct));
}
