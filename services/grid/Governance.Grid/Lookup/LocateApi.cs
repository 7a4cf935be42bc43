using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grid.Lookup;

/// <summary><c>GET /api/grid/locate?lat=&amp;lng=</c>: which grid a point lies in.</summary>
public static class LocateApi
{
    public static IEndpointRouteBuilder MapLocateApi(this IEndpointRouteBuilder app)
    {
        // Any signed-in caller: routing a report needs the grid wherever the report comes from,
        // and a grid's code says nothing about anyone.
        app.MapGet("/api/grid/locate", Locate).ProducesRefusals(400);
        return app;
    }

    private static async Task<Ok<GridLocation>> Locate(GridLocator locator, double? lat, double? lng, CancellationToken ct)
    {
        if (lat is not (>= -90 and <= 90)) throw DomainException.Invalid("lat", "lat must be a latitude from -90 to 90 (WGS84).");
        if (lng is not (>= -180 and <= 180)) throw DomainException.Invalid("lng", "lng must be a longitude from -180 to 180 (WGS84).");
        var location = await locator.LocateAsync(lat.Value, lng.Value, ct);
        return location is not null ? TypedResults.Ok(location) : throw DomainException.NotFound($"The point ({lat}, {lng}) lies in no grid.");
    }
}
