using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// <c>GET /api/videoalert/routing/rules</c> (alert.read) and <c>PUT</c> the whole set with the version read
/// (alert.rules.manage; stale → 409). The maintenance tasks' endpoints are <see cref="MaintenanceTasksApi"/>.
/// </summary>
public static class RoutingRulesApi
{
    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/videoalert/routing/rules");
        rules.MapGet("", Get).ProducesRefusals(403);
        rules.MapPut("", Replace).ProducesRefusals(400, 403, 409);
        return app;
    }

    private static async Task<Ok<RoutingRulesView>> Get(HttpContext http, RoutingRules rules, CancellationToken ct) =>
        TypedResults.Ok(await rules.GetAsync(http.Caller(), ct));

    private static async Task<Ok<RoutingRulesView>> Replace(HttpContext http, RoutingRules rules, RoutingRulesChange change, CancellationToken ct) =>
        TypedResults.Ok(await rules.ReplaceAsync(http.Caller(), change, ct));
}
