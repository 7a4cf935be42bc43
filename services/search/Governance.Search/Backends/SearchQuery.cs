namespace Governance.Search.Backends;

/// <summary>What a backend is asked: checked input (<see cref="Queries.SearchRequestReader"/>) and the caller's scope.</summary>
/// <param name="Text">Free text (Chinese and English); every word must appear in the title or the text. Null: every record in scope.</param>
/// <param name="Types">Only these types (empty: all).</param>
/// <param name="Org">Only this org's subtree.</param>
/// <param name="Grid">Only this grid.</param>
/// <param name="From">Record time at or after (UTC).</param>
/// <param name="To">Record time before (UTC).</param>
/// <param name="Statuses">Only these states (empty: all).</param>
/// <param name="Categories">Only these categories (empty: all).</param>
/// <param name="Sort">By relevance or by time.</param>
/// <param name="Page">1-based page.</param>
/// <param name="PageSize">Hits per page.</param>
/// <param name="Scope">What the caller may read: a record matches only when one grant names its type and a subtree it lies in. Empty: nothing.</param>
public sealed record SearchQuery(string? Text, IReadOnlyList<string> Types, string? Org, string? Grid, DateTime? From, DateTime? To,
    IReadOnlyList<string> Statuses, IReadOnlyList<string> Categories, SearchSort Sort, int Page, int PageSize, IReadOnlyList<ScopeGrant> Scope)
{
    /// <summary>The facet fields every search counts.</summary>
    public static readonly IReadOnlyList<string> FacetFields = ["type", "status", "category", "grid"];

    /// <summary>The most values a facet lists (most frequent first; ties by value).</summary>
    public const int FacetSize = 50;

    /// <summary>The hits to skip before the page.</summary>
    public int Skip => (Page - 1) * PageSize;
}

/// <summary>Records of <paramref name="Type"/> inside any of <paramref name="Subtrees"/> (org paths).</summary>
public sealed record ScopeGrant(string Type, IReadOnlyList<string> Subtrees);

public enum SearchSort
{
    /// <summary>Best match first; equal scores newest first.</summary>
    Relevance,
    /// <summary>Newest first.</summary>
    Time,
}

/// <summary>A page of hits, the total in scope and the facet counts of every hit in scope.</summary>
public sealed record SearchResult(long Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);

/// <summary>One hit; <paramref name="Highlight"/> is HTML-escaped text with the matched words in <c>&lt;em&gt;</c>, null without a text query.</summary>
public sealed record SearchHit(string Id, string Type, string RecordId, string Title, string? Highlight, string OrgPath, string? Grid, string? Status,
    string? Category, DateTime Time);

public sealed record FacetCount(string Value, long Count);
