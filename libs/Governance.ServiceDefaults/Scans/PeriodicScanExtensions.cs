using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.ServiceDefaults.Scans;

/// <summary>Registers a service's periodic scans.</summary>
public static class PeriodicScanExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TScan"/> (scoped) and a background loop that runs it every
    /// <paramref name="interval"/> (read from the service provider, typically from bound options).
    /// </summary>
    public static IServiceCollection AddPeriodicScan<TScan>(this IServiceCollection services, Func<IServiceProvider, TimeSpan> interval)
        where TScan : class, IPeriodicScan
    {
        services.AddScoped<TScan>();
        services.AddHostedService(sp => new PeriodicScanService<TScan>(
            sp.GetRequiredService<IServiceScopeFactory>(), interval(sp), sp.GetRequiredService<ILogger<PeriodicScanService<TScan>>>()));
        return services;
    }
}
