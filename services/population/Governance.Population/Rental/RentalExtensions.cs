using Governance.ServiceDefaults.Scans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Population.Rental;

/// <summary>Rental housing's services, as <see cref="PopulationExtensions"/> composes them.</summary>
public static class RentalExtensions
{
    public static IHostApplicationBuilder AddRentalHousing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RentalOptions>().BindConfiguration("Population:Rental")
            .Validate(o => o.RegradeScanInterval > TimeSpan.Zero, "Population:Rental:RegradeScanInterval must be positive.").ValidateOnStart();
        builder.Services.AddScoped<RentalRuleBook>().AddScoped<RentalRulesChanges>().AddScoped<RentalRegistry>().AddScoped<RentalInspections>();
        // RentalGrading is scoped by the scan's registration too.
        builder.Services.AddPeriodicScan<RentalGrading>(sp => sp.GetRequiredService<IOptions<RentalOptions>>().Value.RegradeScanInterval);
        return builder;
    }
}
