using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Population.Persons;

/// <summary><c>PATCH /api/population/persons/{id}</c>: name, phone, residence; the version read guards against lost updates (409 when stale).</summary>
public static class PersonEditApi
{
    public static IEndpointRouteBuilder MapPersonEditApi(this IEndpointRouteBuilder app)
    {
        app.MapPatch("/api/population/persons/{id:guid}", Edit).ProducesRefusals(400, 403, 404, 409);
        return app;
    }

    private static async Task<Ok<PersonView>> Edit(HttpContext http, PersonEdit edit, PersonalDataCipher cipher, TimeProvider clock, Guid id, PersonPatch patch,
        CancellationToken ct) =>
        TypedResults.Ok(PersonView.Masked(await edit.EditAsync(http.Caller(), id, patch, ct), cipher, PersonNames.Today(clock)));
}
