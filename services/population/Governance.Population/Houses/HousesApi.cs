using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Population.Houses;

/// <summary>The console's REST API for houses, under <c>/api/population/houses</c>: each level registered under its parent.</summary>
public static class HousesApi
{
    public static IEndpointRouteBuilder MapHousesApi(this IEndpointRouteBuilder app)
    {
        var houses = app.MapGroup("/api/population/houses");
        houses.MapPost("", Register).ProducesRefusals(400, 403, 409, 503);
        houses.MapGet("", TopLevel).ProducesRefusals(400);
        houses.MapGet("/{id:guid}", Get).ProducesRefusals(404);
        houses.MapGet("/{id:guid}/children", Children).ProducesRefusals(400, 404);
        return app;
    }

    private static async Task<Created<HouseView>> Register(HttpContext http, HouseRegistry houses, HouseRequest request, CancellationToken ct)
    {
        var house = await houses.RegisterAsync(http.Caller(), request, ct);
        return TypedResults.Created($"/api/population/houses/{house.Id}", HouseView.Of(house));
    }

    private static async Task<Ok<HouseView>> Get(HttpContext http, HouseRegistry houses, Guid id, CancellationToken ct) =>
        TypedResults.Ok(HouseView.Of(await houses.GetAsync(http.Caller(), id, ct)));

    /// <summary>The houses directly inside one, by code.</summary>
    private static async Task<Ok<IReadOnlyList<HouseView>>> Children(HttpContext http, HouseRegistry houses, Guid id, int? limit, int? offset, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<HouseView>>((await houses.ChildrenAsync(http.Caller(), id, limit ?? 50, offset ?? 0, ct)).Select(HouseView.Of).ToList());

    /// <summary>The compounds and buildings on their own in the caller's reach (within <c>org</c> when given).</summary>
    private static async Task<Ok<IReadOnlyList<HouseView>>> TopLevel(HttpContext http, HouseRegistry houses, string? org, int? limit, int? offset, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<HouseView>>((await houses.TopLevelAsync(http.Caller(), org, limit ?? 50, offset ?? 0, ct)).Select(HouseView.Of).ToList());
}
