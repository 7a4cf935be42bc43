using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grid.Grpc;

public static class GridGrpcExtensions
{
    /// <summary>
    /// Maps <c>governance.grid.v1.GridService</c>; every rpc needs a bearer token (the fallback policy), and a
    /// refused step names its rule in the status message (DomainStatusInterceptor, for every service).
    /// </summary>
    public static IEndpointRouteBuilder MapGridGrpcService(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<GridGrpcService>();
        return app;
    }
}
