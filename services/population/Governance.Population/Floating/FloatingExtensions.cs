using Governance.ServiceDefaults.Scans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Population.Floating;

/// <summary>New citizens' services, as <see cref="PopulationExtensions"/> composes them.</summary>
public static class FloatingExtensions
{
    public static IHostApplicationBuilder AddFloatingPopulation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FloatingOptions>().BindConfiguration("Population:Floating")
            .Validate(o => o.ReminderDays is >= 1 and <= 365, "Population:Floating:ReminderDays must be 1 to 365.")
            .Validate(o => o.ReminderScanInterval > TimeSpan.Zero, "Population:Floating:ReminderScanInterval must be positive.").ValidateOnStart();
        builder.Services.AddScoped<FloatingRegistry>().AddScoped<FloatingFigures>();
        builder.Services.AddPeriodicScan<PermitReminderScan>(sp => sp.GetRequiredService<IOptions<FloatingOptions>>().Value.ReminderScanInterval);
        return builder;
    }
}
