using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Mediation.Privacy;

/// <summary><c>POST /api/mediation/cases/{id}/parties/{partyId}/reveal-contact</c>: one party's contact in clear, for a purpose, audited.</summary>
public static class PrivacyApi
{
    /// <summary>A purpose code (arrange_session, deliver_documents, performance_check, follow_up_visit, judicial_confirmation, other) and, with other, a note.</summary>
    public sealed record RevealRequest(string? Purpose, string? Note);

    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        // POST, not GET: each reveal writes an audit line, and neither proxies nor browsers may keep the answer.
        app.MapPost("/api/mediation/cases/{id:guid}/parties/{partyId:guid}/reveal-contact", Reveal).ProducesRefusals(400, 404);
        return app;
    }

    private static async Task<Ok<RevealedContactView>> Reveal(HttpContext http, ContactReveal reveal, Guid id, Guid partyId, RevealRequest? request,
        CancellationToken ct)
    {
        var revealed = await reveal.RevealAsync(http.Caller(), ReadChannel.Rest, id, partyId, request?.Purpose, request?.Note, ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(revealed);
    }
}
