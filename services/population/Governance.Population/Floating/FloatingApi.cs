using System.Globalization;
using Governance.Population.Access;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Population.Floating;

/// <summary>
/// The console's REST API for new citizens (新市民), under <c>/api/population/floating</c>: residence registration on
/// arrival, departure, permit renewal, the permit reminders of an org, and the figures per grid and community.
/// </summary>
public static class FloatingApi
{
    public static IEndpointRouteBuilder MapFloatingApi(this IEndpointRouteBuilder app)
    {
        var floating = app.MapGroup("/api/population/floating");
        floating.MapPost("/arrivals", Arrive).ProducesRefusals(400, 403, 409);
        floating.MapPost("/arrivals/{id:guid}/departure", Depart).ProducesRefusals(400, 403, 404, 409);
        floating.MapPost("/permits/{personId:guid}/renewal", Renew).ProducesRefusals(400, 403, 404);
        floating.MapGet("/reminders", Reminders).ProducesRefusals(400);
        floating.MapGet("/figures", Figures).ProducesRefusals(400, 403);
        return app;
    }

    private static async Task<Created<StayView>> Arrive(HttpContext http, FloatingRegistry registry, ArrivalRequest request, CancellationToken ct)
    {
        var stay = await registry.ArriveAsync(http.Caller(), request, ct);
        return TypedResults.Created($"/api/population/floating/arrivals/{stay.Id}", StayView.Of(stay));
    }

    private static async Task<Ok<StayView>> Depart(HttpContext http, FloatingRegistry registry, Guid id, DepartureRequest request, CancellationToken ct) =>
        TypedResults.Ok(StayView.Of(await registry.DepartAsync(http.Caller(), id, request, ct)));

    private static async Task<NoContent> Renew(HttpContext http, FloatingRegistry registry, Guid personId, RenewalRequest request, CancellationToken ct)
    {
        await registry.RenewAsync(http.Caller(), personId, request, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Permits running out (or run out) and not renewed, soonest first, masked; each row a logged person read.</summary>
    private static async Task<Ok<IReadOnlyList<ReminderView>>> Reminders(HttpContext http, FloatingRegistry registry, string? org, string? purpose, string? purposeNote,
        int? limit, int? offset, CancellationToken ct) =>
        TypedResults.Ok(await registry.RemindersAsync(http.Caller(), org, AccessPurposes.Check(purpose, purposeNote, required: false), limit ?? 50, offset ?? 0, ct));

    /// <summary>Counts per grid and community of <c>org</c> for the period <c>from</c>–<c>to</c> (yyyy-MM-dd, inclusive).</summary>
    private static async Task<Ok<FiguresView>> Figures(HttpContext http, FloatingFigures figures, string? org, string? from, string? to, CancellationToken ct) =>
        TypedResults.Ok(await figures.ForAsync(http.Caller(), org, Day(from, "from"), Day(to, "to"), ct));

    // Parsed here, not bound, so that a bad date is a 400 naming the field like every other fault.
    internal static DateOnly? Day(string? value, string field) =>
        string.IsNullOrEmpty(value) ? null : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw DomainException.Invalid(field, $"The {field} date is a date (yyyy-MM-dd).");
}
