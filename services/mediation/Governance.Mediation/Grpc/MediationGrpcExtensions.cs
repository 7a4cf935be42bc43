using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.Mediation.Grpc;

public static class MediationGrpcExtensions
{
    public static IHostApplicationBuilder AddMediationGrpc(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<MediationGrpcService>();
        return builder;
    }

    /// <summary>
    /// Maps <c>governance.mediation.v1.MediationService</c>; every rpc needs a bearer token (the fallback policy),
    /// and a refused step names its rule in the status message (DomainStatusInterceptor).
    /// </summary>
    public static IEndpointRouteBuilder MapMediationGrpcService(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<MediationGrpcService>();
        return app;
    }
}
