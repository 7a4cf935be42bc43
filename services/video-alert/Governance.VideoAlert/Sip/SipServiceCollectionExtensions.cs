using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.VideoAlert.Sip;

public static class SipServiceCollectionExtensions
{
    /// <summary>
    /// The GB/T 28181 intake: listeners (section "VideoAlert:Sip"), transaction table, intake policy
    /// ("VideoAlert:Sip:Intake"). The caller registers <see cref="ISipCredentials"/> and <see cref="IDeviceEvents"/>,
    /// scoped or singleton: each request is handled in its own scope; and may register its own
    /// <see cref="ISipRegistrations"/> first (else they are held in memory).
    /// </summary>
    public static IServiceCollection AddSipIntake(this IServiceCollection services, string section = "VideoAlert:Sip")
    {
        services.AddOptions<SipListenerOptions>().BindConfiguration(section);
        services.AddOptions<SipIntakeOptions>().BindConfiguration(section + ":Intake");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISipRegistrations, SipRegistrations>();
        services.TryAddSingleton(sp => new SipServerTransactions(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SipIntakeOptions>>().Value;
            return new SipNonces(sp.GetRequiredService<TimeProvider>(), o.NonceLifetime);
        });
        services.TryAddScoped<Gb28181Intake>();
        services.TryAddSingleton<ISipRequestHandler, ScopedSipRequestHandler<Gb28181Intake>>();
        services.TryAddSingleton<SipDispatcher>();
        services.AddSingleton<SipHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<SipHostedService>());
        return services;
    }
}
