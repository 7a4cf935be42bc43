using System.Collections.Concurrent;
using Governance.Identity.Audit;
using Governance.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Governance.Identity.Tests.Infrastructure;

/// <summary>
/// Records what each SaveChanges of the service wrote to the audit trail and the outbox, so a test
/// can prove a change's audit line and its event commit together (the dispatcher deletes outbox rows
/// once published, so the table alone cannot show it).
/// </summary>
public sealed class SaveRecorder : SaveChangesInterceptor
{
    /// <summary>One entry per successful save: audit actions and event type names (e.g. <c>UserCreated</c>).</summary>
    public ConcurrentQueue<(string[] Audit, string[] Events)> Saves { get; } = new();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Record(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    // After the save the entries are Unchanged (or detached), so what is added is read before it.
    private readonly ConcurrentDictionary<DbContext, (string[], string[])> _pending = new();

    private void Capture(DbContext? db)
    {
        if (db is null) return;
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        _pending[db] = (added.OfType<AuditEntry>().Select(a => a.Action).ToArray(),
            added.OfType<OutboxMessage>().Select(m => m.MessageType.Split(',')[0].Split('.')[^1]).ToArray());
    }

    private void Record(DbContext? db)
    {
        if (db is not null && _pending.TryRemove(db, out var save) && (save.Item1.Length > 0 || save.Item2.Length > 0)) Saves.Enqueue(save);
    }

    /// <summary>True when one save wrote the audit action <paramref name="action"/> together with the event <paramref name="eventType"/>.</summary>
    public bool Together(string action, string eventType) => Saves.Any(s => s.Audit.Contains(action) && s.Events.Contains(eventType));
}
