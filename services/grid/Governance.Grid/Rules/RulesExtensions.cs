using Governance.Grid.Incidents;
using Governance.Grid.WorkingTime;
using Governance.ServiceDefaults.Scans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Grid.Rules;

public static class RulesExtensions
{
    /// <summary>Rules as versioned data, working-time calendars, and the scan that applies a version when its time comes (on the deadline scan's interval).</summary>
    public static IHostApplicationBuilder AddGridRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<RuleBook>();
        builder.Services.AddScoped<RulesAccess>();
        builder.Services.AddScoped<RulesChanges>();
        builder.Services.AddScoped<WorkingCalendars>();
        builder.Services.AddScoped<StepDeadlines>();
        builder.Services.AddPeriodicScan<RulesProjection>(sp => sp.GetRequiredService<IOptions<IncidentOptions>>().Value.DeadlineScanInterval);
        return builder;
    }
}
