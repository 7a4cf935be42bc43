using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Identity.Audit;

/// <summary>
/// <c>GET /api/identity/audit</c>: the read of the trail, for roles carrying <c>audit.read</c> (checked by
/// <see cref="AuditLog"/>). There is no write, update or delete endpoint, by design.
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/identity/audit", Read).ProducesRefusals(400);
        return app;
    }

    private static async Task<Ok<AuditPage>> Read(HttpContext http, AuditLog log, DateTime? from, DateTime? to,
        string? action, string? actor, string? target, int? pageSize, long? before, CancellationToken ct) =>
        TypedResults.Ok(await log.ReadAsync(http.Caller(), new AuditQuery(from, to, action, actor, target, pageSize, before), ct));
}
