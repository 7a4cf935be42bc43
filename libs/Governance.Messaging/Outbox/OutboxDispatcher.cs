using System.Text.Json;
using Governance.Messaging.Bus;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Messaging.Outbox;

/// <summary>
/// Publishes the outbox of <typeparamref name="TDb"/>: reads the oldest rows, publishes them with
/// publisher confirms, and deletes only what the broker confirmed. A crash between publish and delete
/// re-sends those rows with the same message ids, which consumers' inboxes absorb: delivery is at
/// least once, processing exactly once.
/// </summary>
/// <remarks>
/// Order: rows of one aggregate are published one after another in sequence order, and a failure
/// stops that aggregate's later rows until the next round. Sequence order is commit order for one
/// aggregate because a service changes an aggregate in one short SaveChanges guarded by its
/// concurrency token: the later change reads the aggregate after the earlier commit, so its rows get
/// later sequence numbers. On PostgreSQL a transaction-scoped advisory lock lets one replica at a
/// time dispatch, so replicas never publish one aggregate's rows side by side.
/// </remarks>
internal sealed partial class OutboxDispatcher<TDb>(
    IServiceScopeFactory scopes,
    IBus bus,
    BusRecycler recycler,
    OutboxSignals signals,
    IHostApplicationLifetime lifetime,
    IOptions<OutboxOptions> options,
    IOptions<MessagingOptions> messaging,
    ILogger<OutboxDispatcher<TDb>> logger) : BackgroundService where TDb : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Publishing before the bus has started only times out: wait for the host to be up.
        await WhenStarted(stoppingToken);
        var o = options.Value;
        var backoff = TimeSpan.Zero;
        var lastGoodRound = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var round = await DispatchRoundAsync(o, stoppingToken);
                if (!round.Failed)
                {
                    (backoff, lastGoodRound) = (TimeSpan.Zero, DateTime.UtcNow);
                    // A full batch means more is waiting: go again at once.
                    if (round.Delivered < o.BatchSize) await signals.WaitAsync(typeof(TDb), o.PollInterval, stoppingToken);
                    continue;
                }
                // A hung round counts from its start: the time since the last good round, not since the first failure.
                if (await recycler.RecycleIfStuckAsync(lastGoodRound, messaging.Value.RecycleBusAfter, stoppingToken))
                    lastGoodRound = DateTime.UtcNow;
                backoff = Next(backoff, o.MaxBackoff);
                LogBackingOff(logger, typeof(TDb).Name, backoff.TotalSeconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                backoff = Next(backoff, o.MaxBackoff);
                LogRoundFailed(logger, e, typeof(TDb).Name, backoff.TotalSeconds);
            }
            // Commits do not cut a backoff short: while the broker is down they would only make
            // the dispatcher spin on rounds that fail.
            await Task.Delay(backoff, stoppingToken);
        }
    }

    private async Task<(int Delivered, bool Failed)> DispatchRoundAsync(OutboxOptions o, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var postgres = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        // A round is one unit of work for the execution strategy: retried whole on a transient failure.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = postgres ? await db.Database.BeginTransactionAsync(ct) : null;
            if (postgres && !await OutboxLock.TryTakeAsync(db, ct)) return (0, false);

            var batch = await db.Set<OutboxMessage>().AsNoTracking()
                .OrderBy(m => m.Sequence).Take(o.BatchSize).ToListAsync(ct);
            if (batch.Count == 0) return (0, false);

            var (delivered, failed) = await PublishAsync(batch, o.PublishTimeout, ct);
            if (delivered.Count > 0)
                await db.Set<OutboxMessage>().Where(m => delivered.Contains(m.Sequence)).ExecuteDeleteAsync(ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
            return (delivered.Count, failed);
        }, stoppingToken);
    }

    private async Task<(List<long> Delivered, bool Failed)> PublishAsync(List<OutboxMessage> batch, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        // Different aggregates go side by side (confirms pipeline on the channel); one aggregate in order.
        var lanes = batch.GroupBy(m => m.AggregateKey ?? m.MessageId.ToString())
            .Select(lane => PublishInOrderAsync(lane, limit.Token));
        var results = await Task.WhenAll(lanes);
        var delivered = results.SelectMany(r => r.Delivered).ToList();
        return (delivered, results.Any(r => r.Failed));
    }

    private async Task<(List<long> Delivered, bool Failed)> PublishInOrderAsync(IEnumerable<OutboxMessage> lane, CancellationToken ct)
    {
        var delivered = new List<long>();
        foreach (var row in lane)
        {
            try
            {
                var type = MessageTypes.Resolve(row.MessageType)
                    ?? throw new InvalidOperationException($"Outbox row {row.Sequence} names an unknown type {row.MessageType}.");
                var message = JsonSerializer.Deserialize(row.Body, type, OutboxExtensions.Json)!;
                // No token into Publish: cancelling a publish inside RabbitMQ.Client 7 can break its
                // confirm tracking for the channel (rabbitmq-dotnet-client #1900). Stop waiting instead;
                // an abandoned publish that lands later is a duplicate the inboxes absorb.
                await bus.Publish(message, type, Pipe.Execute<PublishContext>(c => c.MessageId = row.MessageId), CancellationToken.None)
                    .WaitAsync(ct);
                delivered.Add(row.Sequence);
                MessagingMetrics.Published.Add(1);
                MessagingMetrics.Lag.Record((DateTime.UtcNow - row.CreatedAt).TotalMilliseconds);
            }
            catch (Exception e) when (e is not OperationCanceledException || !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                LogPublishFailed(logger, e, typeof(TDb).Name, row.Sequence, row.AggregateKey);
                return (delivered, true);
            }
        }
        return (delivered, false);
    }

    private async Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        await started.Task;
    }

    private static TimeSpan Next(TimeSpan backoff, TimeSpan max) =>
        backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromTicks(Math.Min(max.Ticks, backoff.Ticks * 2));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Database}: publishing row {Sequence} (aggregate {Aggregate}) failed; it stays for the next round")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string database, long sequence, string? aggregate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Database}: round failed; next in {Seconds} s")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string database, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Database}: some rows were not confirmed; next round in {Seconds} s")]
    private static partial void LogBackingOff(ILogger logger, string database, double seconds);
}
