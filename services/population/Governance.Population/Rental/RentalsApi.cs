using System.Globalization;
using Governance.Population.Access;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Population.Rental;

/// <summary>
/// The console's REST API for rental housing, under <c>/api/population/rentals</c>: register a rental, renew its
/// safety agreement, record inspections (each grades it), read one in full, list them (<c>?due=</c>: to inspect by a day).
/// </summary>
public static class RentalsApi
{
    public static IEndpointRouteBuilder MapRentalsApi(this IEndpointRouteBuilder app)
    {
        var rentals = app.MapGroup("/api/population/rentals");
        rentals.MapPost("", Register).ProducesRefusals(400, 403, 409);
        rentals.MapGet("", List).ProducesRefusals(400);
        rentals.MapGet("/{id:guid}", Get).ProducesRefusals(400, 404);
        rentals.MapPut("/{id:guid}/agreement", RenewAgreement).ProducesRefusals(400, 403, 404, 409);
        rentals.MapPost("/{id:guid}/inspections", Inspect).ProducesRefusals(400, 403, 404, 409);
        return app;
    }

    private static async Task<Created<RentalSummary>> Register(HttpContext http, RentalRegistry rentals, TimeProvider clock, RentalRequest request, CancellationToken ct)
    {
        var rental = await rentals.RegisterAsync(http.Caller(), request, ct);
        return TypedResults.Created($"/api/population/rentals/{rental.Id}", RentalSummary.Of(rental, 0, PersonNames.Today(clock)));
    }

    /// <summary>The rentals within reach, soonest inspection first; <c>due</c> (yyyy-MM-dd) keeps those to inspect by that day.</summary>
    private static async Task<Ok<IReadOnlyList<RentalSummary>>> List(HttpContext http, RentalRegistry rentals, string? org, string? due, string? grade,
        int? limit, int? offset, CancellationToken ct)
    {
        // Parsed here, not bound, so that a bad date is a 400 naming the field like every other fault.
        DateOnly? by = due is null ? null : DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw DomainException.Invalid("due", "The due date is a date (yyyy-MM-dd).");
        return TypedResults.Ok(await rentals.ListAsync(http.Caller(), org, by, grade, limit ?? 50, offset ?? 0, ct));
    }

    /// <summary>One rental with its landlord, occupants and last inspection; each person shown is a logged read.</summary>
    private static async Task<Ok<RentalView>> Get(HttpContext http, RentalRegistry rentals, Guid id, string? purpose, string? purposeNote, CancellationToken ct) =>
        TypedResults.Ok(await rentals.GetAsync(http.Caller(), id, AccessPurposes.Check(purpose, purposeNote, required: false), ct));

    /// <summary>A renewed agreement; it counts from the next inspection.</summary>
    private static async Task<Ok<AgreementView>> RenewAgreement(HttpContext http, RentalRegistry rentals, TimeProvider clock, Guid id, AgreementRequest request,
        CancellationToken ct)
    {
        var rental = await rentals.RenewAgreementAsync(http.Caller(), id, request, ct);
        var signed = rental.AgreementSignedOn!.Value;
        return TypedResults.Ok(new AgreementView(signed, rental.AgreementValidUntil,
            RentalNames.AgreementOn(signed, rental.AgreementValidUntil, PersonNames.Today(clock))));
    }

    /// <summary>The inspection as recorded, with the grade it gave, its reason and the next inspection's day.</summary>
    private static async Task<Created<InspectedView>> Inspect(HttpContext http, RentalInspections inspections, Guid id, InspectionRequest request, CancellationToken ct)
    {
        var (rental, inspection) = await inspections.InspectAsync(http.Caller(), id, request, ct);
        return TypedResults.Created($"/api/population/rentals/{rental.Id}", new InspectedView(InspectionView.Of(inspection), rental.ReinspectBy));
    }
}
