using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Governance.Search.Backends.Lucene;

/// <summary>
/// Orders hits by time as Lucene's long comparer does (newest first through the sort field's reverse flag), reading each
/// document's time from the segment's array (<see cref="SegmentColumns"/>) instead of its doc values.
/// </summary>
internal sealed class TimeComparer(int slots) : FieldComparer<J2N.Numerics.Int64>
{
    public static readonly SortField NewestFirst = new(LuceneBackend.Fields.Time, new Source(), true);

    private readonly long[] _values = new long[slots];
    private long[] _current = [];
    private long _bottom, _top;

    public override FieldComparer SetNextReader(AtomicReaderContext context)
    {
        _current = SegmentColumns.Times(context.AtomicReader);
        return this;
    }

    public override void Copy(int slot, int doc) => _values[slot] = _current[doc];

    public override int Compare(int slot1, int slot2) => _values[slot1].CompareTo(_values[slot2]);

    public override void SetBottom(int slot) => _bottom = _values[slot];

    public override int CompareBottom(int doc) => _bottom.CompareTo(_current[doc]);

    public override void SetTopValue(J2N.Numerics.Int64 value) => _top = value.ToInt64();

    public override int CompareTop(int doc) => _top.CompareTo(_current[doc]);

    public override J2N.Numerics.Int64 this[int slot] => J2N.Numerics.Int64.GetInstance(_values[slot]);

    private sealed class Source : FieldComparerSource
    {
        public override FieldComparer NewComparer(string fieldname, int numHits, int sortPos, bool reversed) => new TimeComparer(numHits);
    }
}
