using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// <c>GET /api/videoalert/routing/rules</c> (alert.read) and <c>PUT</c> the whole set with the version read
/// (alert.rules.manage; stale → 409); <c>GET /api/videoalert/maintenance</c>, the camera owners' tasks (camera.manage).
/// </summary>
public static class RoutingRulesApi
{
    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/videoalert/routing/rules");
        rules.MapGet("", Get).ProducesRefusals(403);
        rules.MapPut("", Replace).ProducesRefusals(400, 403, 409);
        app.MapGet("/api/videoalert/maintenance", Tasks).ProducesRefusals(400);
        return app;
    }

    private static async Task<Ok<RoutingRulesView>> Get(HttpContext http, RoutingRules rules, CancellationToken ct) =>
        TypedResults.Ok(await rules.GetAsync(http.Caller(), ct));

    private static async Task<Ok<RoutingRulesView>> Replace(HttpContext http, RoutingRules rules, RoutingRulesChange change, CancellationToken ct) =>
        TypedResults.Ok(await rules.ReplaceAsync(http.Caller(), change, ct));

    /// <summary>Maintenance tasks of cameras in the caller's camera.manage reach (within <c>org</c> when given), newest first.</summary>
    private static async Task<Ok<IReadOnlyList<MaintenanceTaskView>>> Tasks(HttpContext http, MaintenanceTasks tasks, string? org, int? limit, int? offset, CancellationToken ct) =>
        TypedResults.Ok(await tasks.ListAsync(http.Caller(), org, limit ?? 50, offset ?? 0, ct));
}
