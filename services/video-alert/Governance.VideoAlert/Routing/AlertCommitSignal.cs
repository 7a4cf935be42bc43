using System.Data.Common;
using System.Runtime.CompilerServices;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// Wakes the router as soon as a new alert is committed in this process, however it was created, so an alarm becomes an
/// incident within a second or so; the router's short poll is the safety net (another replica's alerts, a missed signal).
/// </summary>
public sealed class AlertCommitSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: one wake-up covers every alert committed before the router reads.
        }
    }

    /// <summary>Waits until woken (true) or <paramref name="timeout"/> passes (false).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}

/// <summary>
/// Notices a new alert being saved by video-alert's context and wakes the router once it is committed: at once when the
/// save was its own transaction, at the commit when it ran inside one. Other contexts (the standalone host runs every
/// service in one process) are ignored.
/// </summary>
internal sealed class AlertCommitInterceptor(AlertCommitSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, StrongBox<bool>> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    private void Saving(DbContext? context)
    {
        if (context is VideoAlertDb db && db.ChangeTracker.Entries<Alert>().Any(e => e.State == EntityState.Added))
            _pending.GetOrCreateValue(db).Value = true;
    }

    private void Saved(DbContext? context)
    {
        if (context is VideoAlertDb db && db.Database.CurrentTransaction is null) Flush(db);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is VideoAlertDb db) Flush(db);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is VideoAlertDb db) Flush(db);
    }

    private void Flush(DbContext db)
    {
        if (_pending.TryGetValue(db, out var flag) && flag.Value)
        {
            flag.Value = false;
            signal.Wake();
        }
    }
}
