using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging.OrgPaths;

/// <summary>
/// Keeps a service's org paths where identity's tree has them, whatever order the moves arrive in.
/// Each move is logged (<see cref="OrgMove"/>); a record's path is brought up to date by applying, in
/// the order identity made them, every move whose old path is the record's path or an ancestor of it,
/// by whole segments (<c>632801/001</c> holds <c>632801/001/002</c>, never <c>632801/0012</c>).
/// </summary>
/// <remarks>
/// This relies on identity never giving a path twice (a moved-away or retired path is never given to
/// another node), so a path string names one place in the tree's history. In order, a move is one
/// set-based UPDATE per column. Out of order (a move older than one applied already) each distinct path
/// below the old one is brought forward on its own: a later move of the node itself or of a node below
/// it applies on top, and records that a later move of an old ancestor swept along by mistake (they had
/// already left that subtree, unknown to this service) are taken back.
/// </remarks>
public static class OrgMoves
{
    // "ORGMOVE": one key per database, so org events of one service apply one transaction at a time.
    private const long LockKey = 0x4F52474D4F5645;

    /// <summary>
    /// The key <see cref="HoldOffMovesAsync"/> takes shared on PostgreSQL, for a caller that takes it in one round trip
    /// with locks of its own.
    /// </summary>
    public const long HoldOffMovesKey = LockKey;

    /// <summary>Maps the move log (<c>org_moves</c>); call from the service context's <c>OnModelCreating</c>.</summary>
    public static ModelBuilder AddOrgMoveLog(this ModelBuilder model)
    {
        model.Entity<OrgMove>(move =>
        {
            move.ToTable("org_moves");
            move.HasKey(m => m.Id);
            move.Property(m => m.Id).ValueGeneratedOnAdd();
            move.Property(m => m.OldPath).HasMaxLength(256);
            move.Property(m => m.NewPath).HasMaxLength(256);
            move.HasIndex(m => m.OldPath);
            move.HasIndex(m => m.OccurredAt);
        });
        return model;
    }

    /// <summary>
    /// Makes the caller's transaction the only one applying org events to this database until it ends
    /// (a PostgreSQL transaction-level advisory lock), so that two moves never rewrite side by side and
    /// miss each other. SQLite needs none: the inbox's claim already holds its single writer lock.
    /// </summary>
    public static async Task LockAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [LockKey], ct);
    }

    /// <summary>
    /// The other side of <see cref="LockAsync"/>, for a request that writes a record at an org path it
    /// looked up (grid's incident intake): holds org events off this database until the caller's
    /// transaction ends, while such requests run side by side (a shared advisory lock on the same key).
    /// Taken before <see cref="FollowMovesAsync"/>, it makes a move either committed before (its log row
    /// is read, and the path re-mapped) or applied after the record commits (the move's UPDATE rewrites
    /// it): the record never lands at a moved-away path. SQLite needs none: the caller's transaction
    /// (BEGIN IMMEDIATE) already holds the single writer lock.
    /// </summary>
    public static async Task HoldOffMovesAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock_shared({0})", [LockKey], ct);
    }

    /// <summary>
    /// Where <paramref name="path"/> lies now by every move logged, whenever it was read: itself while no
    /// move took it (or an ancestor) away, which is one indexed look-up. Relies, as the log does, on a path
    /// never being given twice.
    /// </summary>
    public static async Task<string> FollowMovesAsync(DbContext db, string path, CancellationToken ct)
    {
        if (await MovedAwayAsync(db, path, ct) is not { } first) return path;
        var moves = await db.Set<OrgMove>().AsNoTracking().Where(m => m.OccurredAt >= first.OccurredAt)
            .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).ToListAsync(ct);
        return Follow(path, moves);
    }

    /// <summary>
    /// Of <paramref name="paths"/>, those no logged move took away (with none of their ancestors): one look-up for a
    /// batch's paths, so that only the others need <see cref="FollowMovesAsync"/>. Take <see cref="HoldOffMovesAsync"/>
    /// first, as for that.
    /// </summary>
    public static async Task<HashSet<string>> CurrentOfAsync(DbContext db, IEnumerable<string> paths, CancellationToken ct)
    {
        var distinct = paths.Distinct(StringComparer.Ordinal).ToList();
        var prefixes = distinct.SelectMany(Prefixes).Distinct(StringComparer.Ordinal).ToList();
        var moved = (await db.Set<OrgMove>().AsNoTracking().Where(m => prefixes.Contains(m.OldPath)).Select(m => m.OldPath).Distinct().ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        return distinct.Where(p => !Prefixes(p).Any(moved.Contains)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Where <paramref name="path"/>, as it was at <paramref name="asOf"/>, lies now by the moves logged.</summary>
    public static async Task<string> CurrentPathAsync(DbContext db, string path, DateTime asOf, CancellationToken ct) =>
        Follow(path, await LaterThanAsync(db, asOf, ct));

    /// <summary>The first logged move that took <paramref name="path"/> (or an ancestor of it) away; null while it is current.</summary>
    public static Task<OrgMove?> MovedAwayAsync(DbContext db, string path, CancellationToken ct)
    {
        var prefixes = Prefixes(path);
        return db.Set<OrgMove>().AsNoTracking().Where(m => prefixes.Contains(m.OldPath))
            .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Logs the move of <paramref name="nodeId"/> from <paramref name="oldPath"/> to <paramref name="newPath"/>
    /// at <paramref name="occurredAt"/> and rewrites <paramref name="columns"/>. Call inside the consumer's
    /// transaction, after <see cref="LockAsync"/>; the log row is saved with the consumer's changes. Answers
    /// false when there is nothing to do (a rename, or the same move logged already).
    /// </summary>
    public static async Task<bool> ApplyAsync(DbContext db, Guid nodeId, string oldPath, string newPath, DateTime occurredAt,
        IReadOnlyList<IOrgPathColumn> columns, CancellationToken ct)
    {
        if (oldPath == newPath) return false;
        var log = db.Set<OrgMove>();
        if (await log.AnyAsync(m => m.NodeId == nodeId && m.OccurredAt == occurredAt && m.OldPath == oldPath, ct)) return false;
        var later = await LaterThanAsync(db, occurredAt, ct);
        log.Add(new OrgMove { NodeId = nodeId, OldPath = oldPath, NewPath = newPath, OccurredAt = occurredAt });
        if (later.Count == 0)
        {
            foreach (var column in columns) await column.ReplacePrefixAsync(db, oldPath, newPath, ct);
            return true;
        }

        // Late: records still at the old path, and those a later move of an old ancestor swept away with it.
        var sources = new List<string> { oldPath };
        var swept = Follow(oldPath, later.Where(m => m.NodeId != nodeId));
        if (swept != oldPath) sources.Add(swept);
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in sources)
            foreach (var column in columns)
                foreach (var path in await column.PathsWithinAsync(db, source, ct))
                {
                    var target = Follow(newPath + path[source.Length..], later);
                    if (target != path) targets.TryAdd(path, target);
                }
        foreach (var (path, target) in targets)
            foreach (var column in columns)
                await column.ReplaceAsync(db, path, target, ct);
        return true;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="subtree"/> or below it, by whole segments.</summary>
    public static bool IsWithin(string path, string subtree) =>
        path == subtree || (path.Length > subtree.Length && path.StartsWith(subtree, StringComparison.Ordinal) && path[subtree.Length] == '/');

    /// <summary>
    /// <paramref name="path"/> taken through <paramref name="moves"/>, in their order: for a service that holds the log in
    /// memory (assessment folds a batch of events against it), the same answer as <see cref="CurrentPathAsync"/> when given
    /// the moves after the path was read.
    /// </summary>
    public static string Follow(string path, IEnumerable<OrgMove> moves)
    {
        foreach (var move in moves)
            if (IsWithin(path, move.OldPath)) path = move.NewPath + path[move.OldPath.Length..];
        return path;
    }

    private static Task<List<OrgMove>> LaterThanAsync(DbContext db, DateTime at, CancellationToken ct) =>
        db.Set<OrgMove>().AsNoTracking().Where(m => m.OccurredAt > at).OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).ToListAsync(ct);

    private static List<string> Prefixes(string path)
    {
        var prefixes = new List<string>();
        for (var i = path.IndexOf('/'); i >= 0; i = path.IndexOf('/', i + 1)) prefixes.Add(path[..i]);
        prefixes.Add(path);
        return prefixes;
    }
}
