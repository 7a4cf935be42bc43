namespace Governance.Console.Api;

// What the search page reads from search's REST API (GET /api/search), by its JSON names.

/// <param name="Highlight">HTML-escaped text with the matched words in <c>&lt;em&gt;</c> (search's markup); never put into the page as HTML.</param>
public sealed record SearchHit(string Id, string Type, string RecordId, string Title, string? Highlight, string OrgPath, string? Grid, string? Status,
    string? Category, DateTime Time);

public sealed record FacetCount(string Value, long Count);

public sealed record SearchAnswer(long Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);
