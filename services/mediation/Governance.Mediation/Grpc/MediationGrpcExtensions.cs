using Governance.Contracts.Mediation.V1;
using Governance.Grpc.Server;
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

    /// <summary>Maps <c>governance.mediation.v1.MediationService</c>; every rpc needs a bearer token (the layer's default).</summary>
    public static IEndpointRouteBuilder MapMediationGrpcService(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<MediationGrpcService>(MediationReflection.Descriptor.Services[0], s => s
            .Unary<RegisterCaseRequest, Case>("RegisterCase", (svc, req, ctx) => svc.RegisterCase(req, ctx))
            .Unary<ReferCaseRequest, Case>("ReferCase", (svc, req, ctx) => svc.ReferCase(req, ctx))
            .Unary<AcknowledgeReferralRequest, Case>("AcknowledgeReferral", (svc, req, ctx) => svc.AcknowledgeReferral(req, ctx))
            .Unary<RecordOutcomeRequest, Case>("RecordOutcome", (svc, req, ctx) => svc.RecordOutcome(req, ctx))
            .Unary<GetCaseRequest, Case>("GetCase", (svc, req, ctx) => svc.GetCase(req, ctx))
            .Unary<ListCasesByBodyRequest, ListCasesByBodyResponse>("ListCasesByBody", (svc, req, ctx) => svc.ListCasesByBody(req, ctx)));
        return app;
    }
}
