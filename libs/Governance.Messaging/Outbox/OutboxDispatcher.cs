using System.Text.Json;
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
    OutboxSignals signals,
    IHostApplicationLifetime lifetime,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher<TDb>> logger) : BackgroundService where TDb : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Publishing before the bus has started only times out: wait for the host to be up.
        await WhenStarted(stoppingToken);
        var o = options.Value;
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var round = await DispatchRoundAsync(o, stoppingToken);
                if (!round.Failed)
                {
                    backoff = TimeSpan.Zero;
                    // A full batch means more is waiting: go again at once.
                    if (round.Delivered < o.BatchSize) await signals.WaitAsync(typeof(TDb), o.PollInterval, stoppingToken);
                    continue;
                }
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
            db.ChangeTracker.Clear();
            await using var transaction = postgres ? await db.Database.BeginTransactionAsync(ct) : null;
            if (postgres && !await OutboxLock.TryTakeAsync(db, ct)) return (0, false);

            var batch = await db.Set<OutboxMessage>().AsNoTracking()
                .OrderBy(m => m.Sequence).Take(o.BatchSize).ToListAsync(ct);
            if (batch.Count == 0) return (0, false);

            var round = await PublishAsync(batch, o.PublishTimeout, ct);
            if (round.Delivered.Count > 0)
                await db.Set<OutboxMessage>().Where(m => round.Delivered.Contains(m.Sequence)).ExecuteDeleteAsync(ct);
            if (round.Unreadable.Count > 0) await CountUnreadableAsync(db, round.Unreadable, o.MaxAttempts, transaction is null, ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
            // An unreadable row is not a failed round: backing off would hold up every other aggregate.
            return (round.Delivered.Count, round.Failed);
        }, stoppingToken);
    }

    /// <summary>
    /// One more attempt for each unreadable row; a row at <paramref name="maxAttempts"/> moves to the
    /// dead-letter table (insert and delete in one transaction), and its aggregate's later rows go on.
    /// </summary>
    private async Task CountUnreadableAsync(TDb db, List<(OutboxMessage Row, Exception Error)> unreadable, int maxAttempts, bool ownTransaction, CancellationToken ct)
    {
        await using var transaction = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
        foreach (var (row, error) in unreadable)
        {
            var attempts = row.Attempts + 1;
            if (attempts < maxAttempts)
            {
                await db.Set<OutboxMessage>().Where(m => m.Sequence == row.Sequence)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.Attempts, attempts), ct);
                LogUnreadable(logger, error, typeof(TDb).Name, row.Sequence, row.AggregateKey, attempts, maxAttempts);
                continue;
            }
            db.Set<OutboxDeadLetter>().Add(new OutboxDeadLetter
            {
                Sequence = row.Sequence,
                MessageId = row.MessageId,
                MessageType = row.MessageType,
                Body = row.Body,
                AggregateKey = row.AggregateKey,
                CreatedAt = row.CreatedAt,
                Attempts = attempts,
                Error = $"{error.GetType().Name}: {error.Message}",
                DeadLetteredAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(ct);
            await db.Set<OutboxMessage>().Where(m => m.Sequence == row.Sequence).ExecuteDeleteAsync(ct);
            MessagingMetrics.DeadLettered.Add(1);
            LogDeadLettered(logger, error, typeof(TDb).Name, row.Sequence, row.AggregateKey, attempts);
        }
        if (transaction is not null) await transaction.CommitAsync(ct);
    }

    private async Task<Round> PublishAsync(List<OutboxMessage> batch, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        // Different aggregates go side by side (confirms pipeline on the channel); one aggregate in order.
        var lanes = batch.GroupBy(m => m.AggregateKey ?? m.MessageId.ToString())
            .Select(lane => PublishInOrderAsync(lane, limit.Token));
        var results = await Task.WhenAll(lanes);
        return new Round(
            [.. results.SelectMany(r => r.Delivered)],
            [.. results.Where(r => r.Unreadable is not null).Select(r => r.Unreadable!.Value)],
            results.Any(r => r.Failed));
    }

    /// <summary>
    /// Publishes one aggregate's rows in order and stops at the first that fails: a broker failure
    /// (<c>Failed</c>, the round backs off) or a row that cannot be read back (<c>Unreadable</c>).
    /// An unreadable row holds up only the rows of its own aggregate behind it, and only until it is
    /// dead-lettered: letting them overtake it while it is still being retried would break the
    /// per-aggregate order for a row that may yet be read (a type unknown only to an older replica).
    /// </summary>
    private async Task<Lane> PublishInOrderAsync(IEnumerable<OutboxMessage> lane, CancellationToken ct)
    {
        var delivered = new List<long>();
        foreach (var row in lane)
        {
            if (Read(row) is not ({ } message, { } type))
                return new Lane(delivered, (row, ReadError(row)), false);
            try
            {
                // No token into Publish: cancelling a publish inside RabbitMQ.Client 7 can break its
                // confirm tracking for the channel (rabbitmq-dotnet-client #1900). Stop waiting instead;
                // an abandoned publish that lands later is a duplicate the inboxes absorb.
                await bus.Publish(message, type, Pipe.Execute<PublishContext>(c =>
                    {
                        c.MessageId = row.MessageId;
                        // Lets an inbox put a batch back in this service's order (InboxConsumer).
                        c.Headers.Set(OutboxHeaders.Sequence, row.Sequence);
                    }), CancellationToken.None)
                    .WaitAsync(ct);
                delivered.Add(row.Sequence);
                MessagingMetrics.Published.Add(1);
                MessagingMetrics.Lag.Record((DateTime.UtcNow - row.CreatedAt).TotalMilliseconds);
            }
            catch (Exception e) when (e is not OperationCanceledException || !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                LogPublishFailed(logger, e, typeof(TDb).Name, row.Sequence, row.AggregateKey);
                return new Lane(delivered, null, true);
            }
        }
        return new Lane(delivered, null, false);
    }

    /// <summary>The row's event and type, or nulls when the row cannot be read back.</summary>
    private static (object? Message, Type? Type) Read(OutboxMessage row)
    {
        var type = MessageTypes.Resolve(row.MessageType);
        if (type is null) return (null, null);
        try
        {
            return (JsonSerializer.Deserialize(row.Body, type, OutboxExtensions.Json), type);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            return (null, null);
        }
    }

    /// <summary>Says precisely why <see cref="Read"/> gave nothing (rare: only for unreadable rows).</summary>
    private static Exception ReadError(OutboxMessage row)
    {
        var type = MessageTypes.Resolve(row.MessageType);
        if (type is null) return new InvalidOperationException($"Outbox row {row.Sequence} names a type this service does not know: '{row.MessageType}'.");
        try
        {
            JsonSerializer.Deserialize(row.Body, type, OutboxExtensions.Json);
            return new InvalidOperationException($"Outbox row {row.Sequence} holds JSON null for {row.MessageType}.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            return e;
        }
    }

    private sealed record Lane(List<long> Delivered, (OutboxMessage Row, Exception Error)? Unreadable, bool Failed);

    private sealed record Round(List<long> Delivered, List<(OutboxMessage Row, Exception Error)> Unreadable, bool Failed);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Database}: row {Sequence} (aggregate {Aggregate}) cannot be read back, attempt {Attempts} of {MaxAttempts}; its aggregate's later rows wait")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string database, long sequence, string? aggregate, int attempts, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Database}: row {Sequence} (aggregate {Aggregate}) moved to outbox_dead_letters after {Attempts} attempts; its aggregate's later rows go on without it")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, string database, long sequence, string? aggregate, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Database}: round failed; next in {Seconds} s")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string database, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Database}: some rows were not confirmed; next round in {Seconds} s")]
    private static partial void LogBackingOff(ILogger logger, string database, double seconds);
}
