using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging.Inbox;

/// <summary>
/// A consumer that processes each message id once, however often the broker delivers it. The
/// consumer's changes to <typeparamref name="TDb"/> (and any events it adds to the outbox) commit in
/// one transaction with the inbox rows; a redelivery finds its row and is acknowledged unprocessed.
/// </summary>
/// <remarks>
/// Messages arrive in batches (MassTransit's <see cref="Batch{T}"/>, in delivery order, one batch at a
/// time: <see cref="InboxConsumerDefinition{TConsumer}"/>): one transaction claims and processes the
/// whole batch, so a commit is paid per batch rather than per message. When the batch fails, each
/// message is processed again alone, in order, in a transaction of its own; those that succeed are
/// marked consumed, so only a message that fails alone faults: MassTransit's retries and the
/// <c>_error</c> queue then deal with it by itself.
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

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var consumer = GetType().FullName ?? GetType().Name;
        var messages = context.Message.Select(m => m).ToList();
        if (messages.Count == 1)
        {
            await ConsumeAloneAsync(messages[0], consumer);
            return;
        }
        try
        {
            var duplicates = await db.Database.CreateExecutionStrategy()
                .ExecuteAsync(ct => ProcessAsync(messages, consumer, ct), context.CancellationToken);
            if (duplicates > 0) MessagingMetrics.Duplicates.Add(duplicates, new KeyValuePair<string, object?>("consumer", consumer));
        }
        catch (Exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            // The batch rolled back whole. One at a time, so that one bad message stays alone.
            Exception? failed = null;
            foreach (var message in messages)
            {
                try
                {
                    await ConsumeAloneAsync(message, consumer);
                    // Consumed: when the batch faults below, MassTransit acknowledges this one.
                    await message.NotifyConsumed(message, TimeSpan.Zero, consumer);
                }
                catch (Exception e) when (!message.CancellationToken.IsCancellationRequested)
                {
                    failed ??= e;
                }
            }
            if (failed is not null) throw failed;
        }
    }

    private async Task ConsumeAloneAsync(ConsumeContext<TMessage> message, string consumer)
    {
        var duplicates = await db.Database.CreateExecutionStrategy()
            .ExecuteAsync(ct => ProcessAsync([message], consumer, ct), message.CancellationToken);
        if (duplicates > 0) MessagingMetrics.Duplicates.Add(duplicates, new KeyValuePair<string, object?>("consumer", consumer));
    }

    /// <summary>Claims and handles <paramref name="messages"/> in one transaction; answers how many were seen before.</summary>
    private async Task<int> ProcessAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, string consumer, CancellationToken ct)
    {
        // A retry (ours or MassTransit's) starts from a clean slate, not from the failed attempt's entities.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var duplicates = 0;
        foreach (var message in messages)
        {
            var messageId = message.MessageId
                ?? throw new InvalidOperationException("A message without a MessageId cannot be deduplicated.");
            // The inbox row goes first: its key is the claim. A copy processed before finds the key and
            // inserts nothing; a copy being processed side by side waits on the key until the first
            // commits, then inserts nothing (or claims it, if the first rolled back). So the handler
            // never runs twice, and the claim is one statement: plain SQL (the same on PostgreSQL and
            // SQLite), because SaveChanges costs as much again on this path (bench/).
            var now = DateTime.UtcNow;
            var claimed = await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO inbox_messages ("MessageId", "Consumer", "ProcessedAt") VALUES ({messageId}, {consumer}, {now}) ON CONFLICT DO NOTHING""", ct);
            if (claimed == 0)
            {
                duplicates++;
                continue;
            }
            await HandleAsync(message);
            // Saved before the next message runs, so that its handler reads what this one wrote.
            if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return duplicates;
    }
}

/// <summary>Marks the platform's inbox consumers, so that <see cref="InboxConsumerDefinition{TConsumer}"/> applies to them.</summary>
public interface IInboxConsumer;
