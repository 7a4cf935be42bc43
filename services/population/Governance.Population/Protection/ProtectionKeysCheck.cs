using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.Population.Protection;

/// <summary>Reads the keys when the host starts, so a missing or malformed key stops a replica at once instead of failing its first registration.</summary>
internal sealed class ProtectionKeysCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<PersonalDataCipher>();
        services.GetRequiredService<LookupHash>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
