using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Messaging.Bus;

/// <summary>
/// Watches the bus's own health (its receive endpoints and connections) and has it restarted when it
/// stays unhealthy past <c>Messaging:RecycleBusAfter</c>: consumers come back by themselves even when
/// the client library does not bring them back after a broker restart.
/// </summary>
internal sealed partial class BusWatchdog(
    IBusControl bus, BusRecycler recycler, IHostApplicationLifetime lifetime,
    IOptions<MessagingOptions> options, ILogger<BusWatchdog> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; } catch (OperationCanceledException) { return; }
        }

        var lastHealthy = DateTime.UtcNow;
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var health = bus.CheckHealth();
            if (health.Status == BusHealthStatus.Healthy)
            {
                lastHealthy = DateTime.UtcNow;
                continue;
            }
            LogUnhealthy(logger, health.Status.ToString(), health.Description);
            if (await recycler.RecycleIfStuckAsync(lastHealthy, options.Value.RecycleBusAfter, stoppingToken))
                lastHealthy = DateTime.UtcNow;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus is {Status}: {Description}")]
    private static partial void LogUnhealthy(ILogger logger, string status, string description);
}
