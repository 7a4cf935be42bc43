namespace Governance.Search.Indexing;

/// <summary>The <c>Search</c> configuration section.</summary>
public sealed class SearchOptions
{
    /// <summary><c>lucene</c> (embedded, the default without an Elasticsearch connection string) or <c>elasticsearch</c>.</summary>
    public string? Backend { get; set; }

    /// <summary>The Lucene index's directory; default <c>{Database:Directory}/search-index</c> (<c>./data/search-index</c> standalone).</summary>
    public string? LuceneDirectory { get; set; }

    /// <summary>How often the indexer looks for rows the index has not caught up with.</summary>
    public int IndexIntervalMs { get; set; } = 200;

    /// <summary>How often incidents' details are asked of grid (<see cref="Details.IncidentDetailsFetcher"/>).</summary>
    public int DetailsIntervalMs { get; set; } = 1000;

    /// <summary>Rows per bulk write.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>The Elasticsearch index alias; its versions are <c>{alias}-v{n}</c>.</summary>
    public string IndexAlias { get; set; } = "governance-search";

    /// <summary>The analyzer for text: <c>smartcn</c> (the analysis-smartcn plugin the chart installs) or <c>cjk</c> (built in, the fallback).</summary>
    public string Analyzer { get; set; } = "smartcn";
}
