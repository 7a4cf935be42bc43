using Governance.Mediation.Cases;
using Governance.Mediation.Completion;
using Governance.Mediation.Endings;
using Governance.Mediation.Data;
using Governance.Mediation.Work;
using Governance.Mediation.Figures;
using Governance.Mediation.Grpc;
using Governance.Mediation.Privacy;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Governance.Mediation;

/// <summary>The mediation service, as its own host and the standalone host compose it.</summary>
public static class MediationExtensions
{
    public static IHostApplicationBuilder AddMediationService(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<MediationDb>("mediation");
        builder.AddOutbox<MediationDb>();
        builder.AddMediationCases();
        builder.Services.AddMediationWork();
        builder.Services.AddScoped<CaseCompletion>().AddScoped<CaseEndings>();
        builder.Services.AddScoped<ReadAudit>().AddScoped<ContactReveal>();
        builder.AddMediationGrpc().Services.AddScoped<Figures.FiguresQuery>();
        builder.AddServiceOpenApi("mediation", "Governance mediation");
        builder.Services.AddOptions<Demo.MediationDemoOptions>().BindConfiguration(Demo.MediationDemoOptions.Section);
        builder.Services.AddHostedService<Demo.MediationDemoSeed>();
        return builder;
    }

    public static WebApplication MapMediationService(this WebApplication app)
    {
        // REST endpoints on this group make mediation's OpenAPI document (/openapi/mediation.json).
        var api = app.MapServiceApi("mediation");
        api.MapMediationCases();
        api.MapMediationWorkApi();
        api.MapCompletionApi();
        api.MapEndingsApi();
        api.MapPrivacyApi();
        api.MapFiguresApi();
        app.MapMediationGrpcService();
        return app;
    }
}
