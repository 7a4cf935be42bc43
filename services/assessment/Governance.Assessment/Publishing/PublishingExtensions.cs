using Governance.Assessment.Demo;
using Governance.Assessment.Export;
using Governance.Assessment.Replay;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Assessment.Publishing;

/// <summary>Published snapshots, xlsx exports, replay jobs and the standalone demo's letters, registered and mapped in one place each.</summary>
internal static class PublishingExtensions
{
    public static IServiceCollection AddAssessmentPublishing(this IServiceCollection services)
    {
        services.AddScoped<Publisher>().AddScoped<ReplayJobs>().AddSingleton<ReplayJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplayJobRunner>());
        services.AddOptions<AssessmentDemoOptions>().BindConfiguration(AssessmentDemoOptions.Section);
        services.AddHostedService<AssessmentDemoSeed>();
        return services;
    }

    public static RouteGroupBuilder MapAssessmentPublishing(this RouteGroupBuilder api) => api.MapReplayJobsApi().MapPublishingApi().MapExportApi();
}
