using Governance.Mediation.Cases;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Mediation.Completion;

/// <summary><c>PATCH /api/mediation/cases/{id}</c> (data items), <c>POST …/parties</c>, <c>DELETE …/parties/{partyId}</c>: until mediation starts.</summary>
public static class CompletionApi
{
    public static IEndpointRouteBuilder MapCompletionApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/mediation/cases/{id:guid}");
        cases.MapPatch("", async (HttpContext h, CaseCompletion c, Guid id, CaseUpdateRequest r, CancellationToken ct) =>
            TypedResults.Ok(CaseView.From(await c.UpdateAsync(h.Caller(), id, r, ct)))).ProducesRefusals(400, 404, 409);
        cases.MapPost("/parties", AddParty).ProducesRefusals(400, 404, 409);
        cases.MapDelete("/parties/{partyId:guid}", async (HttpContext h, CaseCompletion c, Guid id, Guid partyId, CancellationToken ct) =>
        {
            await c.RemovePartyAsync(h.Caller(), id, partyId, ct);
            return TypedResults.NoContent();
        }).ProducesRefusals(404, 409);
        return app;
    }

    private static async Task<Created<PartyAddedView>> AddParty(HttpContext http, CaseCompletion completion, Guid id, PartyRequest request, CancellationToken ct)
    {
        var (_, party) = await completion.AddPartyAsync(http.Caller(), id, request, ct);
        return TypedResults.Created($"/api/mediation/cases/{id}/parties/{party.Id}", PartyAddedView.From(party));
    }
}
