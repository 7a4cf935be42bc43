using Governance.Assessment.Export;
using Governance.Assessment.Replay;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Assessment.Publishing;

/// <summary>Published snapshots, xlsx exports and replay jobs, registered and mapped in one place each.</summary>
internal static class PublishingExtensions
{
    public static IServiceCollection AddAssessmentPublishing(this IServiceCollection services)
    {
        services.AddScoped<Publisher>().AddScoped<ReplayJobs>().AddSingleton<ReplayJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplayJobRunner>());
        return services;
    }

    public static RouteGroupBuilder MapAssessmentPublishing(this RouteGroupBuilder api) => api.MapReplayJobsApi().MapPublishingApi().MapExportApi();
}
