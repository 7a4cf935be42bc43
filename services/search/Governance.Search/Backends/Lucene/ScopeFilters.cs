using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Governance.Search.Backends.Lucene;

/// <summary>
/// The permission filter of each scope, kept per segment as a bit set: a caller's scope (record types and subtrees)
/// is the same on every query they make and most callers share a few scopes, so the terms of the scope are looked up
/// and intersected once per segment instead of on every query (a third of a small query's time was that). A segment
/// never changes; deletions are applied afresh on every query (Lucene's <see cref="CachingWrapperFilter"/> does both),
/// and a refreshed searcher reuses its unchanged segments' sets. At most <see cref="Most"/> scopes are kept (then all are
/// dropped and rebuilt as used: a set is one bit per document per segment).
/// </summary>
internal sealed class ScopeFilters(Func<IReadOnlyList<ScopeGrant>, Query> scopeQuery)
{
    private const int Most = 256;
    private readonly ConcurrentDictionary<string, Filter> _filters = new(StringComparer.Ordinal);

    public Filter For(IReadOnlyList<ScopeGrant> scope)
    {
        var key = Key(scope);
        if (_filters.TryGetValue(key, out var filter)) return filter;
        if (_filters.Count >= Most) _filters.Clear();
        return _filters.GetOrAdd(key, _ => new BitSetCachingFilter(new QueryWrapperFilter(scopeQuery(scope))));
    }

    /// <summary>The same grants in any order are the same scope.</summary>
    private static string Key(IReadOnlyList<ScopeGrant> scope) =>
        string.Join('\n', scope.Select(g => g.Type + "=" + string.Join(',', g.Subtrees.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal));

    /// <summary>Caches a segment's matches as a plain bit set: random access, so the query's own scorer skips what it excludes.</summary>
    private sealed class BitSetCachingFilter(Filter filter) : CachingWrapperFilter(filter)
    {
        protected override DocIdSet CacheImpl(DocIdSetIterator iterator, AtomicReader reader)
        {
            var bits = new FixedBitSet(reader.MaxDoc);
            bits.Or(iterator);
            return bits;
        }
    }
}
