using Governance.Search.Backends;
using Governance.Search.Data;
using Governance.Search.Documents;
using Governance.Search.Indexing;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Search.Reindex;

/// <summary>
/// Rebuilds the index from the read model, for one type or all: the type's documents leave the index, every row of
/// it is marked pending, and the indexer's bulk writes run until none is left. The read model is the source of truth,
/// so nothing is lost; while it runs a search may miss the type's records (Elasticsearch's alias swap, which would
/// avoid that gap, is not done yet).
/// </summary>
public sealed class Reindexer(SearchDb db, ISearchBackend backend, Indexer indexer)
{
    public sealed record Outcome(string Type, long Documents);

    public async Task<Outcome> ReindexAsync(string? type, CancellationToken ct)
    {
        type = string.IsNullOrWhiteSpace(type) ? null : type.Trim();
        if (type is not null && !RecordTypes.ReadPermission.ContainsKey(type))
            throw DomainException.Invalid("type", $"'{type}' is not a record type: incident, dispute, house, alert, camera or grid.");
        await backend.EnsureIndexAsync(ct);
        await backend.DeleteAsync(null, type, ct);
        var rows = type is null ? db.Documents : db.Documents.Where(d => d.Type == type);
        await rows.ExecuteUpdateAsync(s => s.SetProperty(d => d.Pending, true), ct);
        long total = 0;
        while (await indexer.IndexPendingAsync(ct) is var n and > 0) total += n;
        return new Outcome(type ?? "all", total);
    }
}
