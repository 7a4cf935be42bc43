using System.Buffers;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Governance.Search.Backends.Lucene;

/// <summary>
/// Counts the values of keyword fields over every hit of a query: beside the top-hits collector, on the same hits,
/// so a facet count is of records in the caller's scope and never more (Lucene.Net.Facet is not served here, and a
/// count over doc values is all a facet is). Counts are kept per segment by ordinal and turned into values once per
/// segment, each ordinal's value read from the segment's own cache (<see cref="SegmentValues"/>).
/// </summary>
internal sealed class FacetCollector(IReadOnlyList<string> fields) : ICollector
{
    private readonly Dictionary<string, Dictionary<string, long>> _counts = fields.ToDictionary(f => f, _ => new Dictionary<string, long>(StringComparer.Ordinal));
    private readonly SortedDocValues?[] _values = new SortedDocValues?[fields.Count];
    private readonly int[]?[] _ords = new int[]?[fields.Count];
    private readonly int[]?[] _segmentCounts = new int[]?[fields.Count];
    private readonly string?[]?[] _segmentStrings = new string?[]?[fields.Count];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        for (var i = 0; i < fields.Count; i++)
        {
            var values = context.AtomicReader.GetSortedDocValues(fields[i]);
            _values[i] = values;
            if (values is null) continue;
            _ords[i] = SegmentColumns.Ords(context.AtomicReader, fields[i]);
            var counts = ArrayPool<int>.Shared.Rent(values.ValueCount);
            Array.Clear(counts, 0, values.ValueCount);
            _segmentCounts[i] = counts;
            _segmentStrings[i] = SegmentValues.Of(context.AtomicReader, fields[i], values.ValueCount);
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _ords.Length; i++)
            if (_ords[i] is { } ords && ords[doc] is var ord and >= 0) _segmentCounts[i]![ord]++;
    }

    private void Flush()
    {
        BytesRef? term = null;
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is not { } values) continue;
            var counts = _counts[fields[i]];
            var segmentCounts = _segmentCounts[i]!;
            var strings = _segmentStrings[i]!;
            for (var ord = 0; ord < values.ValueCount; ord++)
            {
                if (segmentCounts[ord] == 0) continue;
                var key = strings[ord];
                if (key is null)
                {
                    values.LookupOrd(ord, term ??= new BytesRef());
                    strings[ord] = key = term.Utf8ToString();
                }
                ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
                count += segmentCounts[ord];
            }
            ArrayPool<int>.Shared.Return(segmentCounts);
            _values[i] = null;
            _ords[i] = null;
            _segmentCounts[i] = null;
            _segmentStrings[i] = null;
        }
    }

    /// <summary>Each field's values, most frequent first, then by value: the first <see cref="SearchQuery.FacetSize"/> picked
    /// in one pass (a county's grids are thousands of values, and sorting them all was a fifth of a county-wide query).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Counts()
    {
        Flush();
        return _counts.ToDictionary(f => f.Key, f => Top(f.Value));
    }

    private static IReadOnlyList<FacetCount> Top(Dictionary<string, long> counts)
    {
        // A heap of the best so far whose root is the worst of them: more frequent wins, then the smaller value.
        var heap = new PriorityQueue<FacetCount, FacetCount>(SearchQuery.FacetSize + 1, WorstFirst);
        foreach (var (value, count) in counts)
        {
            var candidate = new FacetCount(value, count);
            if (heap.Count < SearchQuery.FacetSize) heap.Enqueue(candidate, candidate);
            else if (WorstFirst.Compare(candidate, heap.Peek()) > 0) heap.EnqueueDequeue(candidate, candidate);
        }
        var top = new List<FacetCount>(heap.Count);
        while (heap.TryDequeue(out var worst, out _)) top.Add(worst);
        top.Reverse();
        return top;
    }

    /// <summary>Orders the worse facet count first: fewer records, then (on a tie) the greater value.</summary>
    private static readonly Comparer<FacetCount> WorstFirst = Comparer<FacetCount>.Create((a, b) =>
        a.Count != b.Count ? a.Count.CompareTo(b.Count) : string.CompareOrdinal(b.Value, a.Value));

    /// <summary>
    /// A segment's ordinal → value strings, per field, filled as queries first need them and kept as long as the segment
    /// lives: a segment never changes, so its ordinals always name the same values, and a refreshed searcher shares its
    /// unchanged segments' caches (only new and merged segments start empty). Reading an ordinal's value from the
    /// compressed terms dictionary was a tenth of a query's time, for the same few thousand values every query.
    /// </summary>
    private static class SegmentValues
    {
        private static readonly ConditionalWeakTable<object, Dictionary<string, string?[]>> Cache = [];

        public static string?[] Of(AtomicReader reader, string field, int valueCount)
        {
            var byField = Cache.GetValue(reader.CoreCacheKey, _ => new Dictionary<string, string?[]>(StringComparer.Ordinal));
            lock (byField)
            {
                if (!byField.TryGetValue(field, out var strings) || strings.Length != valueCount)
                    byField[field] = strings = new string?[valueCount];
                return strings;
            }
        }
    }
}
