using Lucene.Net.Documents;
using Lucene.Net.Util;
using Fields = Governance.Search.Backends.Lucene.LuceneBackend.Fields;

namespace Governance.Search.Backends.Lucene;

/// <summary>
/// Turns <see cref="IndexDocument"/>s into Lucene documents, reusing one set of fields for every document it builds
/// (Lucene's own advice for fast indexing): a keyword field made anew builds its token stream anew, its attributes
/// found by reflection, which was a tenth of the indexing time. One builder per indexing thread; a document it returns
/// is valid until the next call.
/// </summary>
internal sealed class DocumentBuilder
{
    private readonly StringField _id = new(Fields.Id, "", Field.Store.YES);
    private readonly SortedDocValuesField _idValues = new(Fields.Id, new BytesRef());
    private readonly StringField _type = new(Fields.Type, "", Field.Store.YES);
    private readonly SortedDocValuesField _typeValues = new(Fields.Type, new BytesRef());
    private readonly StoredField _recordId = new(Fields.RecordId, "");
    private readonly TextField _title = new(Fields.Title, "", Field.Store.YES);
    private readonly TextField _text = new(Fields.Text, "", Field.Store.YES);
    private readonly StoredField _org = new(Fields.Org, "");
    private readonly Int64Field _time = new(Fields.Time, 0L, Field.Store.YES);
    private readonly NumericDocValuesField _timeValues = new(Fields.Time, 0L);
    private readonly List<StringField> _ancestors = [];
    private readonly Keyword _grid = new(Fields.Grid), _status = new(Fields.Status), _category = new(Fields.Category);

    public Document Build(IndexDocument d)
    {
        _id.SetStringValue(d.Id);
        _idValues.SetBytesValue(new BytesRef(d.Id));
        _type.SetStringValue(d.Type);
        _typeValues.SetBytesValue(new BytesRef(d.Type));
        _recordId.SetStringValue(d.RecordId);
        _title.SetStringValue(d.Title);
        _text.SetStringValue(d.Text);
        _org.SetStringValue(d.OrgPath);
        _time.SetInt64Value(d.Time.Ticks);
        _timeValues.SetInt64Value(d.Time.Ticks);
        var doc = new Document { _id, _idValues, _type, _typeValues, _recordId, _title, _text, _org, _time, _timeValues };
        var ancestors = IndexDocument.AncestorsOf(d.OrgPath);
        while (_ancestors.Count < ancestors.Count) _ancestors.Add(new StringField(Fields.OrgAncestors, "", Field.Store.NO));
        for (var i = 0; i < ancestors.Count; i++)
        {
            _ancestors[i].SetStringValue(ancestors[i]);
            doc.Add(_ancestors[i]);
        }
        _grid.AddTo(doc, d.Grid);
        _status.AddTo(doc, d.Status);
        _category.AddTo(doc, d.Category);
        return doc;
    }

    /// <summary>A keyword: indexed and stored for filters and hits, with doc values for its facet.</summary>
    private sealed class Keyword(string field)
    {
        private readonly StringField _term = new(field, "", Field.Store.YES);
        private readonly SortedDocValuesField _values = new(field, new BytesRef());

        public void AddTo(Document doc, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            _term.SetStringValue(value);
            _values.SetBytesValue(new BytesRef(value));
            doc.Add(_term);
            doc.Add(_values);
        }
    }
}
