using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Population.Houses;

/// <summary><c>PATCH /api/population/houses/{id}</c>: name, address, use, occupancy; the version read guards against lost updates (409 when stale).</summary>
public static class HouseEditApi
{
    public static IEndpointRouteBuilder MapHouseEditApi(this IEndpointRouteBuilder app)
    {
        app.MapPatch("/api/population/houses/{id:guid}", Edit).ProducesRefusals(400, 403, 404, 409);
        return app;
    }

    private static async Task<Ok<HouseView>> Edit(HttpContext http, HouseEdit edit, Guid id, HousePatch patch, CancellationToken ct) =>
        TypedResults.Ok(HouseView.Of(await edit.EditAsync(http.Caller(), id, patch, ct)));
}
