using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Governance.Search.Backends.Lucene;

/// <summary>
/// The embedded backend: one Lucene.Net index on disk (the standalone host's <c>./data/search-index</c>, each test
/// host's own directory), Chinese and English segmented by SmartCn, scored by BM25 as Elasticsearch scores. One
/// writer per process (Lucene's write lock says so); every index call commits and refreshes the searcher before it
/// returns, so what was indexed is searchable at once.
/// </summary>
public sealed class LuceneBackend : ISearchBackend, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer = new SmartChineseAnalyzer(Version);
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _commit = new();
    private readonly ScopeFilters _scopes = new(ScopeQuery);

    public LuceneBackend(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        _directory = FSDirectory.Open(new DirectoryInfo(path));
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 64,
        });
        _searchers = new SearcherManager(_writer, true, new BM25SearcherFactory());
    }

    public string Name => "lucene";

    public Task EnsureIndexAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>In place: one process owns the index, and <see cref="IndexAsync"/> replaces each document atomically.</summary>
    public Task<IIndexRebuild?> BeginRebuildAsync(CancellationToken ct) => Task.FromResult<IIndexRebuild?>(null);

    public Task IndexAsync(IReadOnlyList<IndexDocument> documents, CancellationToken ct)
    {
        var builder = new DocumentBuilder(); // one thread writes: an id given twice keeps its last version
        foreach (var d in documents) _writer.UpdateDocument(new Term(Fields.Id, d.Id), builder.Build(d));
        Publish();
        return Task.CompletedTask;
    }

    /// <summary>Waits until the writer's background merges are done and commits (the bench times queries on a settled index).</summary>
    public void WaitForMerges()
    {
        _writer.WaitForMerges();
        Publish();
    }

    public Task DeleteAsync(IReadOnlyList<string>? ids, string? type, CancellationToken ct)
    {
        if (ids is not null) _writer.DeleteDocuments([.. ids.Select(id => new Term(Fields.Id, id))]);
        else if (type is not null) _writer.DeleteDocuments(new Term(Fields.Type, type));
        else _writer.DeleteAll();
        Publish();
        return Task.CompletedTask;
    }

    private void Publish()
    {
        lock (_commit)
        {
            _writer.Commit();
            _searchers.MaybeRefreshBlocking();
        }
    }

    public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        if (query.Scope.Count == 0) return Task.FromResult(Empty);
        var textQuery = query.Text is null ? null : TextQuery(query.Text);
        if (textQuery is { Clauses.Count: 0 }) return Task.FromResult(Empty); // only stop words: nothing matches, as Elasticsearch's zero_terms_query none
        Query filtered = new FilteredQuery(textQuery ?? (Query)new MatchAllDocsQuery(), _scopes.For(query.Scope));
        if (Filters(query) is { Clauses.Count: > 0 } filters) filtered = new FilteredQuery(filtered, new QueryWrapperFilter(filters));
        var searcher = _searchers.Acquire();
        try
        {
            var sort = query.Sort == SearchSort.Time
                ? new Sort(TimeComparer.NewestFirst, IdComparer.Ascending)
                : new Sort(SortField.FIELD_SCORE, TimeComparer.NewestFirst, IdComparer.Ascending);
            var top = TopFieldCollector.Create(sort, query.Skip + query.PageSize, false, query.Sort == SearchSort.Relevance, false, false);
            var facets = new FacetCollector(SearchQuery.FacetFields);
            searcher.Search(filtered, MultiCollector.Wrap(top, facets));
            var highlighter = textQuery is null ? null : new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new MinimalHtmlEncoder(), new QueryScorer(textQuery))
            {
                TextFragmenter = new SimpleFragmenter(100),
            };
            var hits = top.GetTopDocs(query.Skip, query.PageSize).ScoreDocs
                .Select(sd => ToHit(searcher.Doc(sd.Doc), highlighter)).ToList();
            return Task.FromResult(new SearchResult(top.TotalHits, hits, facets.Counts()));
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static readonly SearchResult Empty = new(0, [], SearchQuery.FacetFields.ToDictionary(f => f, _ => (IReadOnlyList<FacetCount>)[]));

    /// <summary>
    /// Every word of <paramref name="text"/> (as SmartCn segments it) must be in the title or the text: Elasticsearch's
    /// cross_fields with operator and. SmartCn segments by context: 火情 alone is 火|情, in running text it is one word;
    /// so a chunk (between spaces) that segments into several words also matches as that one word.
    /// </summary>
    private BooleanQuery TextQuery(string text)
    {
        var query = new BooleanQuery();
        foreach (var chunk in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var words = Words(chunk).Distinct().ToList();
            if (words.Count == 0) continue;
            var all = new BooleanQuery();
            foreach (var word in words) all.Add(Either(word), Occur.MUST);
            if (words.Count == 1)
            {
                query.Add(all, Occur.MUST);
                continue;
            }
            query.Add(new BooleanQuery { { all, Occur.SHOULD }, { Either(chunk.ToLowerInvariant()), Occur.SHOULD } }, Occur.MUST);
        }
        return query;
    }

    private static BooleanQuery Either(string word) => new()
    {
        { new TermQuery(new Term(Fields.Title, word)) { Boost = 2 }, Occur.SHOULD },
        { new TermQuery(new Term(Fields.Text, word)), Occur.SHOULD },
    };

    private List<string> Words(string text)
    {
        var words = new List<string>();
        using var stream = _analyzer.GetTokenStream(Fields.Text, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) words.Add(term.ToString());
        stream.End();
        return words;
    }

    /// <summary>The permission filter: records of a granted type inside one of its subtrees (cached per scope, <see cref="ScopeFilters"/>).</summary>
    private static BooleanQuery ScopeQuery(IReadOnlyList<ScopeGrant> grants)
    {
        var scope = new BooleanQuery();
        foreach (var grant in grants)
            scope.Add(new BooleanQuery
            {
                { new TermQuery(new Term(Fields.Type, grant.Type)), Occur.MUST },
                { AnyOf(Fields.OrgAncestors, grant.Subtrees), Occur.MUST },
            }, Occur.SHOULD);
        scope.MinimumNumberShouldMatch = 1;
        return scope;
    }

    /// <summary>The caller's own filters, all required.</summary>
    private static BooleanQuery Filters(SearchQuery query)
    {
        var all = new BooleanQuery();
        if (query.Types.Count > 0) all.Add(AnyOf(Fields.Type, query.Types), Occur.MUST);
        if (query.Org is not null) all.Add(new TermQuery(new Term(Fields.OrgAncestors, query.Org)), Occur.MUST);
        if (query.Grid is not null) all.Add(new TermQuery(new Term(Fields.Grid, query.Grid)), Occur.MUST);
        if (query.Statuses.Count > 0) all.Add(AnyOf(Fields.Status, query.Statuses), Occur.MUST);
        if (query.Categories.Count > 0) all.Add(AnyOf(Fields.Category, query.Categories), Occur.MUST);
        if (query.From is not null || query.To is not null)
            all.Add(NumericRangeQuery.NewInt64Range(Fields.Time, query.From?.Ticks, query.To?.Ticks, true, false), Occur.MUST);
        return all;
    }

    private static BooleanQuery AnyOf(string field, IEnumerable<string> values)
    {
        var any = new BooleanQuery();
        foreach (var value in values) any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        any.MinimumNumberShouldMatch = 1;
        return any;
    }

    private SearchHit ToHit(Document doc, Highlighter? highlighter)
    {
        var title = doc.Get(Fields.Title);
        var text = doc.Get(Fields.Text);
        string? highlight = null;
        if (highlighter is not null)
            highlight = highlighter.GetBestFragment(_analyzer, Fields.Text, text) ?? highlighter.GetBestFragment(_analyzer, Fields.Title, title)
                ?? MinimalHtmlEncoder.Encode(text.Length > 100 ? text[..100] : text);
        return new SearchHit(doc.Get(Fields.Id), doc.Get(Fields.Type), doc.Get(Fields.RecordId), title, highlight, doc.Get(Fields.Org), doc.Get(Fields.Grid),
            doc.Get(Fields.Status), doc.Get(Fields.Category), new DateTime(doc.GetField(Fields.Time).GetInt64Value()!.Value, DateTimeKind.Utc));
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    /// <summary>Escapes what HTML needs escaped and nothing else (Lucene's SimpleHTMLEncoder turns every Chinese character into an entity); as Elasticsearch's html encoder.</summary>
    private sealed class MinimalHtmlEncoder : IEncoder
    {
        public string EncodeText(string originalText) => Encode(originalText);

        public static string Encode(string text) =>
            text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#x27;").Replace("/", "&#x2F;");
    }

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    internal static class Fields
    {
        public const string Id = "id", Type = "type", RecordId = "record_id", Title = "title", Text = "text", Org = "org_path",
            OrgAncestors = "org_ancestors", Grid = "grid", Status = "status", Category = "category", Time = "time";
    }
}
