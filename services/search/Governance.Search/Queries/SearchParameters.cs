namespace Governance.Search.Queries;

/// <summary>A search as asked, over REST (query string) or gRPC (the request message): every field text, checked by <see cref="SearchRequestReader"/>.</summary>
/// <param name="Q">Free text, Chinese or English, up to 200 characters.</param>
/// <param name="Type">Record types, comma-separated: incident, dispute, house, alert, camera, grid.</param>
/// <param name="Org">An org path: only its subtree.</param>
/// <param name="Grid">A 15-digit grid code.</param>
/// <param name="From">ISO 8601 instant: records from then (inclusive).</param>
/// <param name="To">ISO 8601 instant: records before then.</param>
/// <param name="Status">States, comma-separated.</param>
/// <param name="Category">Categories or kinds, comma-separated.</param>
/// <param name="Sort">relevance (the default with text) or time (newest first; the default without).</param>
/// <param name="Page">1-based page, default 1.</param>
/// <param name="PageSize">1 to 100, default 20.</param>
public sealed record SearchParameters(string? Q = null, string? Type = null, string? Org = null, string? Grid = null, string? From = null, string? To = null,
    string? Status = null, string? Category = null, string? Sort = null, string? Page = null, string? PageSize = null);
