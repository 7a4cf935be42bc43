using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.VideoAlert.Demo;

/// <summary><c>POST /api/videoalert/demo/play</c>: mapped only when <c>VideoAlert:Demo:Enabled</c> (the standalone demo).</summary>
public static class DemoApi
{
    public static IEndpointRouteBuilder MapDemoApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/videoalert/demo/play", Play).ProducesRefusals(403, 503);
        return app;
    }

    private static async Task<Ok<DemoPlayer.Played>> Play(HttpContext http, DemoPlayer player, CancellationToken ct) =>
        TypedResults.Ok(await player.PlayAsync(http.Caller(), ct));
}
