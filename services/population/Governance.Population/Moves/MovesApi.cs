using Governance.Population.Access;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Population.Moves;

/// <summary>
/// Moves, under a person: <c>POST /api/population/persons/{id}/move-in</c> (201 with the stay begun; 200 with the
/// open stay when the person lives there already), <c>POST …/move-out</c> and <c>GET …/stays</c> (the history).
/// </summary>
public static class MovesApi
{
    public static IEndpointRouteBuilder MapMovesApi(this IEndpointRouteBuilder app)
    {
        var person = app.MapGroup("/api/population/persons/{id:guid}");
        person.MapPost("/move-in", MoveIn).ProducesRefusals(400, 403, 404, 409);
        person.MapPost("/move-out", MoveOut).ProducesRefusals(400, 403, 404, 409);
        person.MapGet("/stays", Stays).ProducesRefusals(400, 404);
        return app;
    }

    private static async Task<Results<Created<StayView>, Ok<StayView>>> MoveIn(HttpContext http, PersonMoves moves, Guid id, MoveInRequest request, CancellationToken ct)
    {
        var (stay, created) = await moves.MoveInAsync(http.Caller(), id, request, ct);
        return created ? TypedResults.Created($"/api/population/persons/{id}/stays", StayView.Of(stay)) : TypedResults.Ok(StayView.Of(stay));
    }

    private static async Task<Ok<StayView>> MoveOut(HttpContext http, PersonMoves moves, Guid id, MoveOutRequest request, CancellationToken ct) =>
        TypedResults.Ok(StayView.Of(await moves.MoveOutAsync(http.Caller(), id, request, ct)));

    /// <summary>Where the person lived, newest first; logged as a read of the person.</summary>
    private static async Task<Ok<IReadOnlyList<StayView>>> Stays(HttpContext http, PersonMoves moves, Guid id, string? purpose, string? purposeNote, CancellationToken ct)
    {
        var reading = new PersonAccess.Reading(http.Caller(), "rest", AccessPurposes.Check(purpose, purposeNote, required: false));
        return TypedResults.Ok<IReadOnlyList<StayView>>((await moves.StaysAsync(reading, id, ct)).Select(StayView.Of).ToList());
    }
}
