using System.Diagnostics;
using Governance.Assessment.Data;
using Governance.Assessment.Events;
using Governance.Assessment.Facts;
using Governance.Messaging.OrgPaths;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Replay;

/// <summary>
/// Rebuilds the facts from the event log (ADR 0013 §5): empties them and folds every logged event again, in
/// (occurred-at, arrival) order, a batch at a time, with the live consumers' own fold. One replica at a time holds the
/// replay lease (a second request is refused with 409 <c>ReplayRunning</c>); the whole rebuild is one transaction that
/// holds live folding off (<see cref="FoldLock"/>), so readers see the old facts until the new ones commit, and no
/// event folded live during the replay is lost or folded into a table being emptied.
/// </summary>
public sealed class Replayer(AssessmentDb db, TimeProvider clock)
{
    public const int BatchSize = 2000;
    public static readonly TimeSpan LeaseLength = TimeSpan.FromHours(2);

    public sealed record ReplayResult(long Events, int Incidents, int Returns, int Disputes, int Alerts, long ElapsedMs, int Inspections = 0);

    public async Task<ReplayResult> ReplayAsync(CancellationToken ct)
    {
        var holder = Guid.NewGuid().ToString("n");
        if (!await TryTakeLeaseAsync(holder, clock.GetUtcNow().UtcDateTime + LeaseLength, ct))
            throw DomainException.RuleViolated("ReplayRunning", "A replay is running already; ask again when it has finished.");
        try
        {
            return await RunAsync(null, ct);
        }
        finally
        {
            // Released even when the caller went away: the lease must not outlive the work.
            await ReleaseLeaseAsync(holder);
        }
    }

    /// <summary>Takes the replay lease for <paramref name="holder"/> until <paramref name="until"/> unless another holder's lease is still current.</summary>
    public async Task<bool> TryTakeLeaseAsync(string holder, DateTime until, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Leases.Where(l => l.Name == Lease.Replay && l.Until < now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.Until, until), ct) == 1;
    }

    /// <summary>Frees the lease if <paramref name="holder"/> still holds it.</summary>
    public Task ReleaseLeaseAsync(string holder) => db.Leases.Where(l => l.Name == Lease.Replay && l.Holder == holder)
        .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, Lease.Free), CancellationToken.None);

    /// <summary>The rebuild itself, for a caller that holds the lease; <paramref name="progress"/> hears the events folded so far after each batch.</summary>
    public async Task<ReplayResult> RunAsync(Action<long>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var events = await db.Database.CreateExecutionStrategy().ExecuteAsync(c => RebuildAsync(progress, c), ct);
        return new ReplayResult(events, await db.Incidents.CountAsync(ct), await db.Returns.CountAsync(ct), await db.Disputes.CountAsync(ct),
            await db.Alerts.CountAsync(ct), watch.ElapsedMilliseconds, await db.Inspections.CountAsync(ct));
    }

    private async Task<long> RebuildAsync(Action<long>? progress, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await FoldLock.ExclusiveAsync(db, ct);
        await db.Returns.ExecuteDeleteAsync(ct);
        await db.Incidents.ExecuteDeleteAsync(ct);
        await db.Disputes.ExecuteDeleteAsync(ct);
        await db.DisputeDeadlines.ExecuteDeleteAsync(ct);
        await db.Alerts.ExecuteDeleteAsync(ct);
        await db.Inspections.ExecuteDeleteAsync(ct);
        await Inputs.InputFolder.ClearAsync(db, ct);
        var folder = new FactFolder(db) { Preloaded = true };
        // The folder looks rows up in the change tracker (DbSet.Local), which would scan every tracked row for changes on
        // each look-up: quadratic in the batch (bench/run-assessment-replay.sh: 500 events/s). Changes are detected once, before each save.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        long count = 0;
        DateTime? lastAt = null;
        long lastSequence = 0;
        while (true)
        {
            var query = db.Events.AsNoTracking();
            if (lastAt is { } at) query = query.Where(e => e.OccurredAt > at || (e.OccurredAt == at && e.Sequence > lastSequence));
            var batch = await query.OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            await FactPreload.LoadAsync(db, batch, ct);
            foreach (var logged in batch) await folder.FoldAsync(EventTypes.FromLog(logged), logged.MessageId, ct);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            count += batch.Count;
            progress?.Invoke(count);
            (lastAt, lastSequence) = (batch[^1].OccurredAt, batch[^1].Sequence);
        }
        await transaction.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return count;
    }
}

/// <summary>
/// Keeps folds apart on PostgreSQL. Each consumer transaction takes a shared advisory lock before it folds and replay
/// takes it exclusively, so consumers wait while a replay runs and a replay waits for folds in flight. And each fold
/// locks its record (incident, case, alert): two consumers folding into one row take turns instead of racing (the
/// second reads the first's committed row), so no fold is lost to a conflict and nothing is retried to exhaustion. A
/// batch locks all its records at once, in the order of their keys (<see cref="RecordsAsync"/>): every batch takes them
/// in that one order, so two batches folding the same records wait for each other rather than deadlock.
/// SQLite needs none: a consumer's transaction holds the single writer lock from its first statement (the inbox claim).
/// </summary>
internal static class FoldLock
{
    private const long Key = 0x4153_5345_5353; // "ASSESS"
    private const int RecordClass = 0x4153_5345; // the (int, int) key space, apart from the bigint one

    public static async Task RecordAsync(DbContext db, string recordKind, string recordId, CancellationToken ct)
    {
        if (IsPostgres(db)) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [RecordClass, Hash(recordKind, recordId)], ct);
    }

    /// <summary>
    /// A consumer batch's locks, in one round trip: the fold lock shared, org moves held off (<see cref="OrgMoves"/>: a
    /// move committed before is in the log the fold reads; one not yet committed waits and then rewrites this fold's rows),
    /// and every record of the batch, in ascending key order (see the class).
    /// </summary>
    public static async Task BatchAsync(DbContext db, IEnumerable<(string Kind, string Id)> records, CancellationToken ct)
    {
        if (!IsPostgres(db)) return;
        int[] keys = [.. records.Select(r => Hash(r.Kind, r.Id)).Distinct().Order()];
        // The ordered subquery is not pulled up into the outer query, so the locks are taken row by row in its order.
        await db.Database.ExecuteSqlRawAsync(
            "SELECT pg_advisory_xact_lock_shared({0}); SELECT pg_advisory_xact_lock_shared({1}); " +
            "SELECT count(pg_advisory_xact_lock({2}, k)) FROM (SELECT k FROM unnest({3}::integer[]) AS k ORDER BY k) AS keys",
            [Key, OrgMoves.HoldOffMovesKey, RecordClass, keys], ct);
    }

    // FNV-1a: stable across processes (string.GetHashCode is not), so every replica locks the same key for a record.
    private static int Hash(string kind, string id)
    {
        var hash = 2166136261u;
        foreach (var c in kind + ":" + id) hash = (hash ^ c) * 16777619u;
        return unchecked((int)hash);
    }

    public static async Task SharedAsync(DbContext db, CancellationToken ct)
    {
        if (IsPostgres(db)) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock_shared({0})", [Key], ct);
    }

    public static async Task ExclusiveAsync(DbContext db, CancellationToken ct)
    {
        if (IsPostgres(db)) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [Key], ct);
    }

    private static bool IsPostgres(DbContext db) => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
}
