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
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The inbox row goes first: its key is the claim. A copy already processed fails here at once;
        // a copy being processed side by side waits on the key until the first commits, then fails.
        // Either way the handler never runs twice, and the claim costs one round trip, not a look-up too.
        var claim = new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = DateTime.UtcNow };
        db.Set<InboxMessage>().Add(claim);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!ct.IsCancellationRequested)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (await Seen(messageId, consumer, ct)) return false;
            throw new InvalidOperationException($"{consumer} could not record message {messageId} in its inbox.", e);
        }
        await HandleAsync(context);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private Task<bool> Seen(Guid messageId, string consumer, CancellationToken ct) =>
        db.Set<InboxMessage>().AsNoTracking().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, ct);
}
