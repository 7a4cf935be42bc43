using Governance.Mediation.Work;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Governance.Mediation.Endings;

/// <summary><c>POST /api/mediation/cases/{id}/decline</c> and <c>…/withdraw</c>.</summary>
public static class EndingsApi
{
    public static IEndpointRouteBuilder MapEndingsApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/mediation/cases/{id:guid}");
        cases.MapPost("/decline", async (HttpContext h, CaseEndings e, Guid id, DeclineRequest r, CancellationToken ct) =>
            TypedResults.Ok(CaseWorkView.From(await e.DeclineAsync(h.Caller(), id, r, ct)))).ProducesRefusals(400, 404, 409);
        cases.MapPost("/withdraw", async (HttpContext h, CaseEndings e, Guid id, WithdrawRequest r, CancellationToken ct) =>
            TypedResults.Ok(CaseWorkView.From(await e.WithdrawAsync(h.Caller(), id, r, ct)))).ProducesRefusals(400, 404, 409);
        return app;
    }
}
