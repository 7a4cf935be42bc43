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
        if (!processed) InboxMetrics.Duplicates.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
    }

    private async Task<bool> ProcessOnceAsync(ConsumeContext<TMessage> context, Guid messageId, string consumer, CancellationToken ct)
    {
        // A retry (ours or MassTransit's) starts from a clean slate, not from the failed attempt's entities.
        db.ChangeTracker.Clear();
        DbUpdateException failure;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (await Seen(messageId, consumer, ct)) return false;
            await HandleAsync(context);
            db.Set<InboxMessage>().Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = DateTime.UtcNow });
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return true;
            }
            catch (DbUpdateException e) when (!ct.IsCancellationRequested)
            {
                await transaction.RollbackAsync(ct);
                failure = e;
            }
        }
        // Either the same message was processed side by side and the other delivery won the key
        // (then this one is a duplicate), or the handler's own write failed (then it is an error).
        db.ChangeTracker.Clear();
        if (await Seen(messageId, consumer, ct)) return false;
        throw new InvalidOperationException($"{consumer} could not save its changes for message {messageId}.", failure);
    }

    private Task<bool> Seen(Guid messageId, string consumer, CancellationToken ct) =>
        db.Set<InboxMessage>().AsNoTracking().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, ct);
}
