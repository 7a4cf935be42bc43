using Governance.Population.Access;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Population.Residents;

/// <summary>
/// <c>GET /api/population/houses/{id}/residents</c> (masked, each shown person's read logged) and
/// <c>GET /api/population/residents/counts?org=</c> (figures per grid or community, not logged: no one's data).
/// </summary>
public static class ResidentsApi
{
    public static IEndpointRouteBuilder MapResidentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/population/houses/{id:guid}/residents", OfHouse).ProducesRefusals(400, 404);
        app.MapGet("/api/population/residents/counts", Counts).ProducesRefusals(400);
        return app;
    }

    private static async Task<Ok<HouseResidents>> OfHouse(HttpContext http, ResidentRegister residents, Guid id, int? limit, int? offset,
        string? purpose, string? purposeNote, CancellationToken ct)
    {
        var reading = new PersonAccess.Reading(http.Caller(), "rest", AccessPurposes.Check(purpose, purposeNote, required: false));
        return TypedResults.Ok(await residents.OfHouseAsync(reading, id, limit ?? 50, offset ?? 0, ct));
    }

    private static async Task<Ok<IReadOnlyList<OrgResidentCounts>>> Counts(HttpContext http, ResidentRegister residents, string? org, CancellationToken ct) =>
        TypedResults.Ok(await residents.CountsAsync(http.Caller(), org, ct));
}
