using MassTransit;
using Microsoft.Extensions.Logging;

namespace Governance.Messaging.Outbox;

/// <summary>
/// Stops and starts the bus when publishing has failed for too long. RabbitMQ.Client 7 can leave a
/// publisher-confirm channel wedged after the broker restarts (every publish on it hangs while
/// MassTransit believes the channel is fine; rabbitmq-dotnet-client #1930); a fresh start opens a
/// fresh connection. One recycle at a time, and not more often than the threshold, however many
/// outboxes the host carries.
/// </summary>
internal sealed partial class BusRecycler(IBusControl bus, ILogger<BusRecycler> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTime _lastRecycle = DateTime.MinValue;

    /// <summary>Recycles the bus if no round has published since <paramref name="lastGoodRound"/>, longer ago than <paramref name="after"/>.</summary>
    public async Task<bool> RecycleIfStuckAsync(DateTime lastGoodRound, TimeSpan after, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        if (now - lastGoodRound < after || now - _lastRecycle < after) return false;
        if (!await _gate.WaitAsync(0, cancellationToken)) return false;
        try
        {
            LogRecycling(logger, (now - lastGoodRound).TotalSeconds);
            using var stopTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stopTimeout.CancelAfter(TimeSpan.FromSeconds(15));
            try { await bus.StopAsync(stopTimeout.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await bus.StartAsync(cancellationToken);
            return true;
        }
        finally
        {
            _lastRecycle = DateTime.UtcNow;
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing has failed for {Seconds} s: restarting the bus for a fresh broker connection")]
    private static partial void LogRecycling(ILogger logger, double seconds);
}
