using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Governance.Search.Backends.Lucene;

/// <summary>
/// Orders hits by id (ascending, bytes as Elasticsearch's keyword sort compares them): the last tie-break of every
/// sort, so it decides only when score and time tie. Lucene's own string comparer reads each competitive hit's id
/// from the compressed terms dictionary when it copies it into the queue, and with records arriving in time order
/// nearly every hit of a time sort is competitive (a fifth of a query's time). This one copies the hit's ordinal
/// only, compares ordinals within a segment, and reads an id's bytes only when two segments' hits must be compared.
/// </summary>
internal sealed class IdComparer(int slots) : FieldComparer<BytesRef>
{
    public static readonly SortField Ascending = new(LuceneBackend.Fields.Id, new Source());

    private readonly int[] _ords = new int[slots];
    private readonly SortedDocValues?[] _sources = new SortedDocValues?[slots];
    private readonly BytesRef?[] _values = new BytesRef?[slots];
    private SortedDocValues? _current;
    private int _bottom;
    private BytesRef? _top;
    private readonly BytesRef _scratch = new();

    public override FieldComparer SetNextReader(AtomicReaderContext context)
    {
        _current = context.AtomicReader.GetSortedDocValues(LuceneBackend.Fields.Id);
        return this;
    }

    public override void Copy(int slot, int doc)
    {
        _ords[slot] = _current?.GetOrd(doc) ?? -1;
        _sources[slot] = _current;
        _values[slot] = null;
    }

    public override int Compare(int slot1, int slot2) =>
        _sources[slot1] == _sources[slot2] ? _ords[slot1].CompareTo(_ords[slot2]) : CompareValues(Value(slot1), Value(slot2));

    public override void SetBottom(int slot) => _bottom = slot;

    public override int CompareBottom(int doc)
    {
        var ord = _current?.GetOrd(doc) ?? -1;
        if (_sources[_bottom] == _current) return _ords[_bottom].CompareTo(ord);
        return CompareValues(Value(_bottom), Read(_current, ord, _scratch));
    }

    public override void SetTopValue(BytesRef value) => _top = value;

    public override int CompareTop(int doc) => CompareValues(_top, Read(_current, _current?.GetOrd(doc) ?? -1, _scratch));

    public override BytesRef this[int slot] => Value(slot)!;

    /// <summary>A document without an id (none is indexed so) sorts first, as Lucene's string sort puts missing values.</summary>
    public override int CompareValues(BytesRef? first, BytesRef? second) =>
        first is null ? (second is null ? 0 : -1) : second is null ? 1 : first.CompareTo(second);

    private BytesRef? Value(int slot) => _values[slot] ??= Read(_sources[slot], _ords[slot], new BytesRef());

    private static BytesRef? Read(SortedDocValues? values, int ord, BytesRef into)
    {
        if (values is null || ord < 0) return null;
        values.LookupOrd(ord, into);
        return into;
    }

    private sealed class Source : FieldComparerSource
    {
        public override FieldComparer NewComparer(string fieldname, int numHits, int sortPos, bool reversed) => new IdComparer(numHits);
    }
}
