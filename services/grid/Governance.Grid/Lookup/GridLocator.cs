using Governance.Grid.Cells;
using Governance.Grid.Data;
using Governance.Messaging.OrgPaths;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grid.Lookup;

/// <summary>Where a point lies: the grid's code, org path and name.</summary>
public sealed record GridLocation(string Code, string OrgPath, string Name);

/// <summary>
/// Answers point → grid from an in-memory <see cref="GridIndex{T}"/> of every active cell. The
/// index is rebuilt after a change on this replica (<see cref="Invalidate"/>) and when the cells'
/// latest change or the org moves applied differ from what it was built from (another replica
/// imported, or moved a community: a move rewrites paths, not change times), checked at most every
/// <see cref="RecheckEvery"/>.
/// </summary>
public sealed class GridLocator(IServiceScopeFactory scopes, TimeProvider clock)
{
    internal static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(10);

    private sealed record Snapshot(GridIndex<GridLocation> Index, (int Count, DateTime? Latest, int Moves) Stamp, DateTime CheckedAt);

    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile Snapshot? _snapshot;
    private volatile bool _stale = true;

    /// <summary>The grid containing the point, or null when it lies in none.</summary>
    public async ValueTask<GridLocation?> LocateAsync(double latitude, double longitude, CancellationToken ct)
    {
        var snapshot = _snapshot;
        if (snapshot is null || _stale || clock.GetUtcNow().UtcDateTime - snapshot.CheckedAt > RecheckEvery)
            snapshot = await RefreshAsync(ct);
        return snapshot.Index.TryLocate(longitude, latitude, out var location) ? location : null;
    }

    /// <summary>
    /// For intake, which stores the path: the grid containing the point, with its path brought through the
    /// org moves logged in <paramref name="db"/> (the index may predate a move another replica, or this one a
    /// moment ago, applied). One indexed look-up while nothing moved.
    /// </summary>
    public async ValueTask<GridLocation?> LocateCurrentAsync(GridDb db, double latitude, double longitude, CancellationToken ct) =>
        await LocateAsync(latitude, longitude, ct) is { } location
            ? location with { OrgPath = await OrgMoves.FollowMovesAsync(db, location.OrgPath, ct) }
            : null;

    /// <summary>Cells changed here: the next look-up rebuilds first.</summary>
    public void Invalidate() => _stale = true;

    private async Task<Snapshot> RefreshAsync(CancellationToken ct)
    {
        await _building.WaitAsync(ct);
        try
        {
            var current = _snapshot;
            var now = clock.GetUtcNow().UtcDateTime;
            if (current is not null && !_stale && now - current.CheckedAt <= RecheckEvery) return current;
            // Cleared before reading, so a change committed while this build reads marks it stale again.
            _stale = false;
            try
            {
                return await BuildAsync(current, now, ct);
            }
            catch
            {
                // A build cut short (a gRPC caller's deadline passed, the database failed) leaves the old index: stale
                // still, or every look-up for the next RecheckEvery would answer from it without the change just made.
                _stale = true;
                throw;
            }
        }
        finally
        {
            _building.Release();
        }
    }

    private async Task<Snapshot> BuildAsync(Snapshot? current, DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridDb>();
        var active = db.Cells.AsNoTracking().Where(c => c.RetiredAt == null);
        var stamp = (await active.CountAsync(ct), await active.MaxAsync(c => (DateTime?)c.UpdatedAt, ct), await db.Set<OrgMove>().CountAsync(ct));
        if (current is not null && current.Stamp == stamp) return _snapshot = current with { CheckedAt = now };
        var cells = await active.Select(c => new { c.Code, c.CommunityPath, c.Sequence, c.Name, c.Geometry }).ToListAsync(ct);
        var index = new GridIndex<GridLocation>(cells
            .Select(c => (CellGeometry.ReadPolygonal(c.Geometry), new GridLocation(c.Code, c.CommunityPath + "/" + c.Sequence, c.Name)))
            .ToList());
        return _snapshot = new Snapshot(index, stamp, now);
    }
}
