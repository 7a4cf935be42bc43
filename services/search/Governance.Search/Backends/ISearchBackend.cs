namespace Governance.Search.Backends;

/// <summary>
/// The search engine under the service: Lucene.Net embedded (standalone) or Elasticsearch (cluster). Both answer
/// <see cref="SearchAsync"/> with the same semantics (the shared backend test suite runs against each): the permission
/// scope is a clause of the query itself, so paging, totals and facet counts never include a record out of scope.
/// </summary>
public interface ISearchBackend
{
    /// <summary>The backend's name in logs, metrics and the audit: <c>lucene</c> or <c>elasticsearch</c>.</summary>
    string Name { get; }

    /// <summary>Creates the index (template, alias, directory) when missing. Safe to call again.</summary>
    Task EnsureIndexAsync(CancellationToken ct);

    /// <summary>Adds or replaces <paramref name="documents"/> (by <see cref="IndexDocument.Id"/>) and makes them searchable before it returns.</summary>
    Task IndexAsync(IReadOnlyList<IndexDocument> documents, CancellationToken ct);

    /// <summary>Removes the documents with <paramref name="ids"/>, those of one type when <paramref name="ids"/> is null and <paramref name="type"/> is given.</summary>
    Task DeleteAsync(IReadOnlyList<string>? ids, string? type, CancellationToken ct);

    /// <summary>
    /// Starts a rebuild of the whole index beside the live one, which keeps answering until the rebuilt one takes its
    /// place in one step (<see cref="IIndexRebuild.SwapAsync"/>); null when the backend rebuilds in place instead
    /// (each document replaced where it is, so every record stays searchable throughout).
    /// </summary>
    Task<IIndexRebuild?> BeginRebuildAsync(CancellationToken ct);

    /// <summary>One page of hits in the caller's scope, the total and the facet counts of every hit in scope.</summary>
    Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct);
}

/// <summary>An index being filled beside the live one. Disposed before <see cref="SwapAsync"/>, it is thrown away and the live index stays.</summary>
public interface IIndexRebuild : IAsyncDisposable
{
    /// <summary>Adds documents to the index being built (not yet searchable).</summary>
    Task AddAsync(IReadOnlyList<IndexDocument> documents, CancellationToken ct);

    /// <summary>Makes the built index the live one in one atomic step and drops the old one.</summary>
    Task SwapAsync(CancellationToken ct);
}
