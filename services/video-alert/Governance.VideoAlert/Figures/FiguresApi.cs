using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.VideoAlert.Figures;

/// <summary><c>GET /api/videoalert/figures?by=grid|community|street|county[&amp;org=]</c>: coverage and networking per org.</summary>
public static class FiguresApi
{
    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/videoalert/figures", By).ProducesRefusals(400);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CameraFigure>>> By(HttpContext http, CameraFigures figures, string? by, string? org, CancellationToken ct) =>
        TypedResults.Ok(await figures.ByAsync(http.Caller(), by, org, ct));
}
