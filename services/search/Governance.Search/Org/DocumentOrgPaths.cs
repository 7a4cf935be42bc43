using Governance.Messaging.OrgPaths;
using Governance.Search.Documents;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Search.Org;

/// <summary>
/// The read model's org path, which follows a node when identity moves it. A rewritten row is also marked pending (its
/// revision one more), so the indexer writes it again with its new ancestors: the scope filter inside every query reads
/// those, and a moved community's records must leave the old street's searches and join the new street's.
/// </summary>
internal sealed class DocumentOrgPaths : IOrgPathColumn
{
    public static readonly IReadOnlyList<IOrgPathColumn> Columns = [new DocumentOrgPaths()];

    private static readonly OrgPathColumn<SearchDocument> Path = new(d => d.OrgPath);

    public Task<List<string>> PathsWithinAsync(DbContext db, string subtree, CancellationToken ct) => Path.PathsWithinAsync(db, subtree, ct);

    public async Task<int> ReplacePrefixAsync(DbContext db, string from, string to, CancellationToken ct)
    {
        var moved = await Path.ReplacePrefixAsync(db, from, to, ct);
        // Nothing else lies at or below the new path: identity never gives a path twice.
        if (moved > 0) await ReindexAsync(db.Set<SearchDocument>().WithinSubtree(d => d.OrgPath, to), ct);
        return moved;
    }

    public async Task<int> ReplaceAsync(DbContext db, string path, string to, CancellationToken ct)
    {
        var moved = await Path.ReplaceAsync(db, path, to, ct);
        if (moved > 0) await ReindexAsync(db.Set<SearchDocument>().Where(d => d.OrgPath == to), ct);
        return moved;
    }

    private static Task<int> ReindexAsync(IQueryable<SearchDocument> documents, CancellationToken ct) =>
        documents.ExecuteUpdateAsync(s => s.SetProperty(d => d.Pending, true).SetProperty(d => d.Revision, d => d.Revision + 1)
            .SetProperty(d => d.ChangedAt, DateTime.UtcNow), ct);
}
