using MassTransit;
using Microsoft.Extensions.Logging;

namespace Governance.Messaging.Bus;

/// <summary>
/// Stops and starts the bus when it has been stuck for too long: publishing failing (the outbox
/// dispatchers report it) or the bus unhealthy (<see cref="BusWatchdog"/>). After a broker restart
/// RabbitMQ.Client 7 can leave a publisher-confirm channel wedged (rabbitmq-dotnet-client #1930) and
/// a receive endpoint that never comes back; a fresh start opens fresh connections. One recycle at a
/// time, and not more often than the threshold, however many outboxes the host carries.
/// </summary>
internal sealed partial class BusRecycler(IBusControl bus, ILogger<BusRecycler> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTime _lastRecycle = DateTime.MinValue;

    /// <summary>Recycles the bus if nothing has gone well since <paramref name="lastGood"/>, longer ago than <paramref name="after"/>.</summary>
    /// <remarks>Used by the outbox dispatchers and the watchdog.</remarks>
    public async Task<bool> RecycleIfStuckAsync(DateTime lastGood, TimeSpan after, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        if (now - lastGood < after || now - _lastRecycle < after) return false;
        if (!await _gate.WaitAsync(0, cancellationToken)) return false;
        try
        {
            LogRecycling(logger, (now - lastGood).TotalSeconds);
            using var stopTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stopTimeout.CancelAfter(TimeSpan.FromSeconds(15));
            try { await bus.StopAsync(stopTimeout.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            try
            {
                await bus.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The broker may still be coming up: the bus stays down, unhealthy, and the next
                // round (after the threshold) tries again. Letting this escape would end the watchdog.
                LogStartFailed(logger, e);
                return false;
            }
            return true;
        }
        finally
        {
            _lastRecycle = DateTime.UtcNow;
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bus could not be started again; trying again later")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bus has been stuck for {Seconds} s: restarting it for fresh broker connections")]
    private static partial void LogRecycling(ILogger logger, double seconds);
}
