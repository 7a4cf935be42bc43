using Microsoft.EntityFrameworkCore;

namespace Governance.ServiceDefaults.Data;

/// <summary>
/// Work that mixes set-based statements (<c>ExecuteUpdate</c>, raw SQL), which commit at once on
/// their own, with tracked changes such as an audit line, and must commit as one: e.g. a lockout and
/// the line that records it. The work runs in a transaction under the context's execution strategy,
/// then the tracked changes are saved and everything commits together. When the strategy retries
/// after a transient failure the work runs again from the start, so what a failed attempt added to
/// the change tracker is dropped first: nothing is saved twice. Inside a caller's transaction the
/// work and the save simply join it.
/// </summary>
public static class OneTransaction
{
    /// <summary>Runs <paramref name="work"/>, saves <paramref name="db"/>'s changes and commits both; answers what the work answered.</summary>
    /// <param name="db">The context whose statements and changes commit together.</param>
    /// <param name="work">Statements and tracked changes; it may run more than once, so it decides from what it reads.</param>
    /// <param name="ct">Cancels the work and the save.</param>
    public static async Task<T> SaveInOneTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            var joined = await work(ct);
            await db.SaveChangesAsync(ct);
            return joined;
        }
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async attempt =>
        {
            var before = db.ChangeTracker.Entries().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(attempt);
                var result = await work(attempt);
                // Accepted only after the commit: a retried attempt must still see them as unsaved.
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, attempt);
                await transaction.CommitAsync(attempt);
                db.ChangeTracker.AcceptAllChanges();
                return result;
            }
            catch
            {
                foreach (var entry in db.ChangeTracker.Entries().Where(e => !before.Contains(e.Entity)).ToList())
                    entry.State = EntityState.Detached;
                throw;
            }
        }, ct);
    }

    /// <inheritdoc cref="SaveInOneTransactionAsync{T}(DbContext, Func{CancellationToken, Task{T}}, CancellationToken)"/>
    public static Task SaveInOneTransactionAsync(this DbContext db, Func<CancellationToken, Task> work, CancellationToken ct = default) =>
        db.SaveInOneTransactionAsync(async attempt =>
        {
            await work(attempt);
            return true;
        }, ct);
}
