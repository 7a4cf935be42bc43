using System.Text.Json.Nodes;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace Governance.Search.Backends.Elasticsearch;

/// <summary>
/// A full rebuild with no gap: the next versioned index <c>{alias}-v{n+1}</c> (made from the same template) is filled
/// in bulk with refresh off, refreshed, then the alias leaves the old index and joins the new one in one
/// <c>_aliases</c> call, and the old index is deleted. Searches and the live indexer go through the alias, so they see
/// the old index until that call and the new one after it. A second rebuild at the same time fails on creating the
/// same index name; a rebuild that fails, or is abandoned, deletes its index and leaves the live one as it was.
/// </summary>
internal sealed class ElasticsearchRebuild(ElasticsearchBackend backend, string alias, string index, IReadOnlyList<string> live) : IIndexRebuild
{
    private bool _swapped;

    /// <summary>The new index's name: one past the highest version the alias points at now (v1 when none).</summary>
    public static string NextIndex(string alias, IEnumerable<string> live)
    {
        var highest = live.Select(name => name.StartsWith(alias + "-v", StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(alias.Length + 2), out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
        return $"{alias}-v{highest + 1}";
    }

    public async Task AddAsync(IReadOnlyList<IndexDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0) return;
        var response = await backend.SendAsync(HttpMethod.POST, $"/{index}/_bulk", ElasticsearchRequests.Bulk(documents), ct);
        if (JsonNode.Parse(response.Body)?["errors"]?.GetValue<bool>() == true) throw ElasticsearchBackend.Failed("_bulk (rebuild)", response);
    }

    public async Task SwapAsync(CancellationToken ct)
    {
        await backend.SendAsync(HttpMethod.PUT, $"/{index}/_settings", ElasticsearchRequests.RefreshInterval(null), ct);
        await backend.SendAsync(HttpMethod.POST, $"/{index}/_refresh", null, ct);
        await backend.SendAsync(HttpMethod.POST, "/_aliases", ElasticsearchRequests.SwapAlias(alias, live, index), ct);
        _swapped = true;
        foreach (var old in live) await backend.SendAsync(HttpMethod.DELETE, $"/{old}", null, ct, allowFailure: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_swapped) await backend.SendAsync(HttpMethod.DELETE, $"/{index}", null, CancellationToken.None, allowFailure: true);
    }
}
