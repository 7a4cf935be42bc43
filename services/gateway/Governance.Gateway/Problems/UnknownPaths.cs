namespace Governance.Gateway.Problems;

/// <summary>A path no route claims answers 404 with problem details naming what the gateway does route.</summary>
internal static class UnknownPaths
{
    public static IEndpointRouteBuilder MapUnknownPaths(this IEndpointRouteBuilder app)
    {
        // Every method, every path (dots included, which MapFallback's default pattern leaves out), after every other route.
        app.MapFallback("{**path}", (HttpContext http) => GatewayProblem.WriteAsync(http, StatusCodes.Status404NotFound,
            GatewayMessages.UnknownPath(http.Request.Path.Value ?? "/"))).AllowAnonymous();
        return app;
    }
}
