using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Governance.Search.Backends.Lucene;

/// <summary>
/// Counts the values of keyword fields over every hit of a query: beside the top-hits collector, on the same hits,
/// so a facet count is of records in the caller's scope and never more (Lucene.Net.Facet is not served here, and a
/// count over doc values is all a facet is).
/// </summary>
internal sealed class FacetCollector(IReadOnlyList<string> fields) : ICollector
{
    private readonly Dictionary<string, Dictionary<string, long>> _counts = fields.ToDictionary(f => f, _ => new Dictionary<string, long>(StringComparer.Ordinal));
    private SortedDocValues?[] _values = [];
    private int[][] _segmentCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        _values = [.. fields.Select(f => context.AtomicReader.GetSortedDocValues(f))];
        _segmentCounts = [.. _values.Select(v => new int[v?.ValueCount ?? 0])];
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _values.Length; i++)
            if (_values[i] is { } values && values.GetOrd(doc) is var ord and >= 0) _segmentCounts[i][ord]++;
    }

    private void Flush()
    {
        var term = new BytesRef();
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is not { } values) continue;
            var counts = _counts[fields[i]];
            for (var ord = 0; ord < _segmentCounts[i].Length; ord++)
            {
                if (_segmentCounts[i][ord] == 0) continue;
                values.LookupOrd(ord, term);
                var key = term.Utf8ToString();
                counts[key] = counts.GetValueOrDefault(key) + _segmentCounts[i][ord];
            }
        }
        _values = [];
    }

    /// <summary>Each field's values, most frequent first, then by value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Counts()
    {
        Flush();
        return _counts.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetCount>)f.Value.Select(v => new FacetCount(v.Key, v.Value))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).Take(SearchQuery.FacetSize).ToList());
    }
}
