using Governance.Assessment.Reviews;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Assessment.Manual;

/// <summary>
/// <c>/api/assessment/manual-values</c>: <c>POST</c> a value with evidence (the department's handlers), <c>POST /{id}/review</c>
/// accept or reject it, <c>GET /{id}</c> it with every attempt, <c>GET ?department=|org=&amp;period=&amp;state=</c> the values.
/// </summary>
public static class ManualValuesApi
{
    public static RouteGroupBuilder MapManualValuesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/manual-values", SubmitAsync).ProducesRefusals(400, 403, 409);
        api.MapPost("/manual-values/{id:guid}/review", ReviewAsync).ProducesRefusals(400, 403, 404, 409);
        api.MapGet("/manual-values/{id:guid}", ThreadAsync).ProducesRefusals(403, 404);
        api.MapGet("/manual-values", ListAsync).ProducesRefusals(400, 403);
        return api;
    }

    private static async Task<Created<ManualValueBook.ManualValueView>> SubmitAsync(HttpContext http, ManualValueBook book, ManualValueBook.SubmitRequest request,
        CancellationToken ct)
    {
        var value = await book.SubmitAsync(http.Caller(), request, ct);
        return TypedResults.Created($"/api/assessment/manual-values/{value.Id}", value);
    }

    private static async Task<Ok<ManualValueBook.ManualValueView>> ReviewAsync(HttpContext http, ManualValueBook book, Guid id, ReviewRequest request,
        CancellationToken ct) => TypedResults.Ok(await book.ReviewAsync(http.Caller(), id, request, ct));

    private static async Task<Ok<ManualValueBook.ManualValueThread>> ThreadAsync(HttpContext http, ManualValueBook book, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await book.ThreadAsync(http.Caller(), id, ct));

    private static async Task<Ok<IReadOnlyList<ManualValueBook.ManualValueView>>> ListAsync(HttpContext http, ManualValueBook book, string? department, string? org,
        string? period, string? state, CancellationToken ct) => TypedResults.Ok(await book.ListAsync(http.Caller(), department, org, period, state, ct));
}
