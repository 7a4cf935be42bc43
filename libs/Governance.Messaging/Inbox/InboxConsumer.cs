using Governance.Messaging.Bus;
using Governance.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Messaging.Inbox;

/// <summary>
/// A consumer that processes each message id once, however often the broker delivers it. The
/// consumer's changes to <typeparamref name="TDb"/> (and any events it adds to the outbox) commit in
/// one transaction with the inbox rows; a redelivery finds its row and is acknowledged unprocessed.
/// </summary>
/// <remarks>
/// Messages arrive in batches (MassTransit's <see cref="Batch{T}"/>, in delivery order, one batch at a
/// time per endpoint: <see cref="PlatformConsumerDefinition{TConsumer}"/>): one transaction claims and
/// processes the whole batch, so a commit is paid per batch rather than per message. When the batch
/// fails, each message is processed again alone, in order, in a transaction of its own, and a message
/// that fails alone is retried there and then (<c>Messaging:RetryIntervalsMs</c>) before the next one
/// runs, so that nothing behind it overtakes it. Only a message that still fails after its retries
/// faults: it goes to the <c>_error</c> queue by itself, and the messages behind it go on; those that
/// succeeded are marked consumed. <see cref="HandleAsync"/> can therefore run more than once for a
/// message (the batch, then alone): whatever it does outside <see cref="Db"/> must bear repeating.
/// </remarks>
public abstract class InboxConsumer<TDb, TMessage>(TDb db) : IConsumer<Batch<TMessage>>, IInboxConsumer
    where TDb : DbContext where TMessage : class
{
    /// <summary>The service database, inside the consumer's transaction.</summary>
    protected TDb Db => db;

    /// <summary>
    /// Does the consumer's work for one message; may change <see cref="Db"/> and call SaveChanges (or
    /// leave it to the inbox). Earlier messages of the batch are saved (not yet committed) before it runs.
    /// </summary>
    protected abstract Task HandleAsync(ConsumeContext<TMessage> context);

    /// <summary>
    /// Runs once per transaction, after the claim and before the first <see cref="HandleAsync"/>, with the messages the
    /// transaction will handle, in the order it handles them: a consumer whose handlers each take a lock or read rows
    /// can take the batch's locks and read its rows here at once, a round trip for the batch instead of one a message.
    /// </summary>
    protected virtual Task PrepareAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// True (the default): the changes are saved after each message, so that a handler that queries <see cref="Db"/>
    /// reads what the messages before it wrote. A consumer whose handlers read only what <see cref="PrepareAsync"/>
    /// loaded into the change tracker answers false, and the batch is saved once, at its end.
    /// </summary>
    protected virtual bool SavesAfterEachMessage => true;

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var consumer = GetType().FullName ?? GetType().Name;
        // In the producer's order: MassTransit's order within a batch is not delivery order when a burst
        // is redelivered after a broker restart. A stable sort; messages from no outbox keep their place
        // after those that came from one.
        var messages = context.Message.Select(m => m).OrderBy(OutboxSequence).ToList();
        if (messages.Count > 1)
        {
            try
            {
                await ConsumeTogetherAsync(messages, consumer, context.CancellationToken);
                return;
            }
            catch (Exception) when (!context.CancellationToken.IsCancellationRequested)
            {
                // The batch rolled back whole: one at a time below, so that one bad message stays alone.
            }
        }
        var retries = RetryIntervals(context);
        Exception? failed = null;
        foreach (var message in messages)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await ConsumeTogetherAsync([message], consumer, message.CancellationToken);
                    // Consumed: when the batch faults below for another message, MassTransit acknowledges this one.
                    if (messages.Count > 1) await message.NotifyConsumed(message, TimeSpan.Zero, consumer);
                    break;
                }
                catch (Exception e) when (!message.CancellationToken.IsCancellationRequested)
                {
                    if (attempt < retries.Length)
                    {
                        await Task.Delay(retries[attempt], message.CancellationToken);
                        continue;
                    }
                    // Out of retries: this one goes to the _error queue, the messages behind it go on.
                    failed ??= e;
                    break;
                }
            }
        }
        if (failed is not null) throw failed;
    }

    private static long OutboxSequence(ConsumeContext message) =>
        message.Headers.Get<long>(OutboxHeaders.Sequence) ?? long.MaxValue;

    private static TimeSpan[] RetryIntervals(ConsumeContext context)
    {
        var options = context.TryGetPayload<IServiceProvider>(out var services)
            ? services.GetService<IOptions<MessagingOptions>>()?.Value
            : null;
        return [.. (options ?? new MessagingOptions()).EffectiveRetryIntervalsMs.Select(ms => TimeSpan.FromMilliseconds(ms))];
    }

    private async Task ConsumeTogetherAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, string consumer, CancellationToken cancellationToken)
    {
        var duplicates = await db.Database.CreateExecutionStrategy()
            .ExecuteAsync(ct => ProcessAsync(messages, consumer, ct), cancellationToken);
        if (duplicates > 0) MessagingMetrics.Duplicates.Add(duplicates, new KeyValuePair<string, object?>("consumer", consumer));
    }

    /// <summary>Claims and handles <paramref name="messages"/> in one transaction; answers how many were seen before.</summary>
    private async Task<int> ProcessAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, string consumer, CancellationToken ct)
    {
        // A retry (ours or MassTransit's) starts from a clean slate, not from the failed attempt's entities.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await ClaimAsync(messages, consumer, ct);
        // Seen before, or twice in this batch: the second copy is only acknowledged.
        var handled = messages.Where(m => claimed.Remove(m.MessageId!.Value)).ToList();
        if (handled.Count > 0) await PrepareAsync(handled, ct);
        foreach (var message in handled)
        {
            await HandleAsync(message);
            // Saved before the next message runs, so that its handler reads what this one wrote.
            if (SavesAfterEachMessage && db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        }
        if (!SavesAfterEachMessage && db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return messages.Count - handled.Count;
    }

    /// <summary>
    /// Inserts an inbox row per message id and answers the ids this transaction claimed. The key is the
    /// claim: a copy processed before finds it and inserts nothing; a copy being processed side by side
    /// waits on the key until the first commits, then inserts nothing (or claims it, if the first rolled
    /// back). So a handler never runs twice, and a batch's claims are one statement: plain SQL, the
    /// same on PostgreSQL and SQLite, because a round trip per message costs more than the rest of the
    /// batch (bench/run-messaging.sh).
    /// </summary>
    private async Task<HashSet<Guid>> ClaimAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, string consumer, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var values = new List<string>(messages.Count);
        var parameters = new List<object>(messages.Count * 3);
        foreach (var message in messages)
        {
            var messageId = message.MessageId
                ?? throw new InvalidOperationException("A message without a MessageId cannot be deduplicated.");
            values.Add($"({{{parameters.Count}}}, {{{parameters.Count + 1}}}, {{{parameters.Count + 2}}})");
            parameters.AddRange([messageId, consumer, now]);
        }
        var sql = $"""INSERT INTO inbox_messages ("MessageId", "Consumer", "ProcessedAt") VALUES {string.Join(", ", values)} ON CONFLICT DO NOTHING RETURNING "MessageId" AS "Value" """;
        return [.. await db.Database.SqlQueryRaw<Guid>(sql, [.. parameters]).ToListAsync(ct)];
    }
}

/// <summary>Marks the platform's inbox consumers, so that <see cref="PlatformConsumerDefinition{TConsumer}"/> batches them.</summary>
public interface IInboxConsumer;
