using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Messaging.Bus;

/// <summary>
/// Watches the bus's own health (its receive endpoints and connections) and, on RabbitMQ, whether the
/// broker sees a consumer on each of the host's queues; has the bus restarted when either stays wrong
/// past <c>Messaging:RecycleBusAfter</c>: consumers come back by themselves even when the client
/// library does not bring them back after a broker restart.
/// </summary>
internal sealed partial class BusWatchdog(
    IBusControl bus, BusRecycler recycler, IHostApplicationLifetime lifetime,
    IOptions<MessagingOptions> options, ILogger<BusWatchdog> logger, BrokerConsumerProbe? probe = null) : BackgroundService
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
            try
            {
                lastHealthy = await WatchAsync(lastHealthy, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong this round, the watchdog must outlive it: it is what brings the bus back.
                LogRoundFailed(logger, e);
            }
        }
    }

    /// <summary>One look at the bus; answers the new time it was last seen healthy.</summary>
    private async Task<DateTime> WatchAsync(DateTime lastHealthy, CancellationToken stoppingToken)
    {
        var health = bus.CheckHealth();
        // A broker that cannot be asked (null) is down: restarting the bus would not help, so it counts as fine.
        var consumed = probe is null ? true : await probe.AllQueuesConsumedAsync(options.Value.RecycleBusAfter, stoppingToken) ?? true;
        if (health.Status == BusHealthStatus.Healthy && consumed) return DateTime.UtcNow;
        if (!consumed) LogNoConsumer(logger);
        else LogUnhealthy(logger, health.Status.ToString(), health.Description);
        return await recycler.RecycleIfStuckAsync(lastHealthy, options.Value.RecycleBusAfter, stoppingToken) ? DateTime.UtcNow : lastHealthy;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus watchdog round failed; watching on")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A receive queue of this host has no consumer at the broker")]
    private static partial void LogNoConsumer(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus is {Status}: {Description}")]
    private static partial void LogUnhealthy(ILogger logger, string status, string description);
}
