using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.VideoAlert.Cameras;

/// <summary>Reads the SIP key when the host starts, so a missing or malformed key stops a replica at once instead of failing every device's REGISTER.</summary>
internal sealed class SipKeyCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<SipSecrets>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
