using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Governance.Messaging.Outbox;

/// <summary>
/// After a save (or, inside an explicit transaction, after its commit) that carried outbox rows,
/// wakes the dispatcher so that events leave within milliseconds rather than at the next poll.
/// </summary>
internal sealed class OutboxWakeUp(OutboxSignals signals) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfOutboxUsed(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfOutboxUsed(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfOutboxUsed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NotifyIfOutboxUsed(eventData.Context);

    private void NotifyIfOutboxUsed(DbContext? context)
    {
        if (context is null || context.Model.FindEntityType(typeof(OutboxMessage)) is null) return;
        // Entries() would run DetectChanges over the whole context after every save: look without it.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<OutboxMessage>().Any()) signals.Notify(context.GetType());
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
