using Governance.Search.Backends;
using Governance.Search.Data;
using Governance.Search.Documents;
using Governance.Search.Indexing;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Search.Reindex;

/// <summary>
/// Rebuilds the index from the read model (the source of truth), for one type or all, with every record searchable
/// throughout. Where the backend builds a new index beside the live one (Elasticsearch, for all types), the read model
/// is written into it page by page, the new index takes the live one's place in one step, and the rows changed while it
/// ran are marked pending so the indexer writes them again, now into the new index. Otherwise (one type, or the embedded
/// backend) every row is marked pending and the indexer replaces each document in place.
/// </summary>
public sealed class Reindexer(SearchDb db, ISearchBackend backend, Indexer indexer, IOptions<SearchOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Rows are stamped by the clock of whichever replica folded their event: those stamped up to this long before the
    /// rebuild began are written again too, so clocks that disagree by less lose nothing (writing a row twice is harmless).
    /// </summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public sealed record Outcome(string Type, long Documents);

    public async Task<Outcome> ReindexAsync(string? type, CancellationToken ct)
    {
        type = string.IsNullOrWhiteSpace(type) ? null : type.Trim();
        if (type is not null && !RecordTypes.ReadPermission.ContainsKey(type))
            throw DomainException.Invalid("type", $"'{type}' is not a record type: incident, dispute, house, alert, camera or grid.");
        await backend.EnsureIndexAsync(ct);
        if (type is null && await backend.BeginRebuildAsync(ct) is { } rebuild)
            await using (rebuild)
                return new Outcome("all", await RebuildBesideAsync(rebuild, ct));
        var rows = type is null ? db.Documents : db.Documents.Where(d => d.Type == type);
        await MarkPendingAsync(rows, ct);
        return new Outcome(type ?? "all", await DrainAsync(ct));
    }

    private async Task<long> RebuildBesideAsync(IIndexRebuild rebuild, CancellationToken ct)
    {
        var began = clock.GetUtcNow().UtcDateTime;
        long written = 0;
        string? after = null;
        while (true)
        {
            var page = await db.Documents.AsNoTracking().Where(d => after == null || string.Compare(d.Id, after) > 0)
                .OrderBy(d => d.Id).Take(options.Value.BatchSize).ToListAsync(ct);
            if (page.Count == 0) break;
            await rebuild.AddAsync([.. page.Select(r => r.ToIndex())], ct);
            written += page.Count;
            after = page[^1].Id;
        }
        await rebuild.SwapAsync(ct);
        await MarkPendingAsync(db.Documents.Where(d => d.ChangedAt >= began - ClockSkew), ct);
        await DrainAsync(ct);
        return written;
    }

    // The revision goes up with the mark, so an indexer round that read a row before it cannot clear it after.
    private Task<int> MarkPendingAsync(IQueryable<SearchDocument> rows, CancellationToken ct) =>
        rows.ExecuteUpdateAsync(s => s.SetProperty(d => d.Pending, true).SetProperty(d => d.Revision, d => d.Revision + 1), ct);

    private async Task<long> DrainAsync(CancellationToken ct)
    {
        long total = 0;
        while (await indexer.IndexPendingAsync(ct) is var n and > 0) total += n;
        return total;
    }
}
