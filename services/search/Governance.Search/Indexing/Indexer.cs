using Governance.Search.Backends;
using Governance.Search.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Search.Indexing;

/// <summary>
/// Pushes the read model's pending rows to the backend in bulk, and clears a row's mark only for the revision it
/// pushed (an event that changed the row meanwhile leaves it pending for the next round). Idempotent: indexing a
/// document twice replaces it with itself, so replicas may run it side by side.
/// </summary>
public sealed partial class Indexer(IServiceScopeFactory scopes, ISearchBackend backend, IOptions<SearchOptions> options, TimeProvider clock,
    ILogger<Indexer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await backend.EnsureIndexAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogRoundFailed(logger, e);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await IndexPendingAsync(stoppingToken) == options.Value.BatchSize) { }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, e);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.IndexIntervalMs), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One bulk of pending rows into the backend; answers how many.</summary>
    public async Task<int> IndexPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SearchDb>();
        var rows = await db.Documents.AsNoTracking().Where(d => d.Pending).OrderBy(d => d.Id).Take(options.Value.BatchSize).ToListAsync(ct);
        if (rows.Count == 0) return 0;
        await backend.IndexAsync([.. rows.Select(r => r.ToIndex())], ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows) SearchMetrics.Lag.Record(Math.Max(0, (now - row.LastEventAt).TotalMilliseconds));
        SearchMetrics.Indexed.Add(rows.Count);
        foreach (var group in rows.GroupBy(r => r.Revision))
        {
            var ids = group.Select(r => r.Id).ToList();
            var revision = group.Key;
            await db.Documents.Where(d => ids.Contains(d.Id) && d.Revision == revision).ExecuteUpdateAsync(s => s.SetProperty(d => d.Pending, false), ct);
        }
        return rows.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A search indexing round failed; the rows stay pending for the next")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
