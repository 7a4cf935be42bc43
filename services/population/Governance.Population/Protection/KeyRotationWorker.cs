using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Population.Protection;

/// <summary>
/// Sweeps (<see cref="KeyRotation"/>) when the replica starts and then every <see cref="KeyRotationOptions.IntervalMinutes"/>,
/// unless <see cref="KeyRotationOptions.Enabled"/> is false. Replicas may sweep at once: each write is a compare-and-set.
/// A failed sweep is logged and tried again at the next interval; it never stops the host.
/// </summary>
internal sealed partial class KeyRotationWorker(IServiceScopeFactory scopes, IOptions<KeyRotationOptions> options, TimeProvider clock,
    ILogger<KeyRotationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var interval = TimeSpan.FromMinutes(options.Value.IntervalMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<KeyRotation>().SweepAsync(KeyRotationRun.Scheduled, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogSweepFailed(e);
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduled key rotation sweep failed; the next runs at the next interval")]
    private partial void LogSweepFailed(Exception e);
}
