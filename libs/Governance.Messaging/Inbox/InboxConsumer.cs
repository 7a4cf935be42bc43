using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging.Inbox;

/// <summary>
/// A consumer that processes each message id once, however often the broker delivers it. The
/// consumer's changes to <typeparamref name="TDb"/> (and any events it adds to the outbox) commit in
/// one transaction with the inbox row; a redelivery finds the row and is acknowledged unprocessed.
/// A handler that throws rolls everything back, and MassTransit's retries and error queue take over.
/// </summary>
public abstract class InboxConsumer<TDb, TMessage>(TDb db) : IConsumer<TMessage>
    where TDb : DbContext where TMessage : class
{
    /// <summary>The service database, inside the consumer's transaction.</summary>
    protected TDb Db => db;

    /// <summary>Does the consumer's work; may change <see cref="Db"/> and call SaveChanges (or leave it to the inbox).</summary>
    protected abstract Task HandleAsync(ConsumeContext<TMessage> context);

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("A message without a MessageId cannot be deduplicated.");
        var consumer = GetType().FullName ?? GetType().Name;
        var strategy = db.Database.CreateExecutionStrategy();
        var processed = await strategy.ExecuteAsync(ct => ProcessOnceAsync(context, messageId, consumer, ct), context.CancellationToken);
        if (!processed) MessagingMetrics.Duplicates.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
    }

    private async Task<bool> ProcessOnceAsync(ConsumeContext<TMessage> context, Guid messageId, string consumer, CancellationToken ct)
    {
        // A retry (ours or MassTransit's) starts from a clean slate, not from the failed attempt's entities.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The inbox row goes first: its key is the claim. A copy processed before finds the key and
        // inserts nothing; a copy being processed side by side waits on the key until the first
        // commits, then inserts nothing (or claims it, if the first rolled back). So the handler never
        // runs twice, and the claim is one statement: plain SQL (the same on PostgreSQL and SQLite),
        // because SaveChanges costs as much again on this path (bench/).
        var now = DateTime.UtcNow;
        var claimed = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO inbox_messages ("MessageId", "Consumer", "ProcessedAt") VALUES ({messageId}, {consumer}, {now}) ON CONFLICT DO NOTHING""", ct);
        if (claimed == 0) return false;
        await HandleAsync(context);
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
