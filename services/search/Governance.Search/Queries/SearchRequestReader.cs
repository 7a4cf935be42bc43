using System.Globalization;
using Governance.Search.Backends;
using Governance.Search.Documents;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;

namespace Governance.Search.Queries;

/// <summary>Turns <see cref="SearchParameters"/> into a <see cref="SearchQuery"/>, or a 400 naming the first field that is wrong.</summary>
internal static class SearchRequestReader
{
    public const int MaxText = 200;
    public const int MaxPageSize = 100;

    /// <summary>How deep paging goes (Elasticsearch's max_result_window): narrow the search to see further.</summary>
    public const int MaxDepth = 10_000;

    public static SearchQuery Read(SearchParameters p, IReadOnlyList<ScopeGrant> scope)
    {
        var text = string.IsNullOrWhiteSpace(p.Q) ? null : p.Q.Trim();
        if (text is { Length: > MaxText }) throw DomainException.Invalid("q", $"Search text is at most {MaxText} characters.");
        var types = List(p.Type);
        foreach (var type in types)
            if (!RecordTypes.ReadPermission.ContainsKey(type))
                throw DomainException.Invalid("type", $"'{type}' is not a record type: incident, dispute, house, alert, camera or grid.");
        string? org = null;
        if (!string.IsNullOrWhiteSpace(p.Org))
        {
            if (!OrgPath.TryParse(p.Org.Trim(), out var path)) throw DomainException.Invalid("org", "Give an org path such as 632801/001.");
            org = path.Value;
        }
        var grid = string.IsNullOrWhiteSpace(p.Grid) ? null : p.Grid.Trim();
        if (grid is not null && (grid.Length != 15 || !grid.All(char.IsAsciiDigit))) throw DomainException.Invalid("grid", "A grid code is 15 digits.");
        var from = Instant(p.From, "from");
        var to = Instant(p.To, "to");
        if (from is not null && to is not null && from >= to) throw DomainException.Invalid("to", "'to' must be after 'from'.");
        var statuses = Codes(p.Status, "status");
        var categories = Codes(p.Category, "category");
        var sort = (p.Sort?.Trim().ToLowerInvariant()) switch
        {
            null or "" => text is null ? SearchSort.Time : SearchSort.Relevance,
            "relevance" => SearchSort.Relevance,
            "time" => SearchSort.Time,
            _ => throw DomainException.Invalid("sort", "Sort by 'relevance' or 'time'."),
        };
        var page = Number(p.Page, 1, 1, int.MaxValue) ?? throw DomainException.Invalid("page", "A page is a whole number from 1.");
        var size = Number(p.PageSize, 20, 1, MaxPageSize) ?? throw DomainException.Invalid("pageSize", $"A page holds 1 to {MaxPageSize} hits.");
        if ((long)page * size > MaxDepth) throw DomainException.Invalid("page", $"Search results go {MaxDepth} deep: narrow the search to see further.");
        return new SearchQuery(text, types, org, grid, from, to, statuses, categories, sort, page, size, scope);
    }

    private static List<string> List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    private static List<string> Codes(string? value, string field)
    {
        var codes = List(value);
        if (codes.Count > 20) throw DomainException.Invalid(field, "Give at most 20 values.");
        foreach (var code in codes)
            if (code.Length > 64 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
                throw DomainException.Invalid(field, $"'{code}' is not a code: letters, digits, '_', '-' and '.', at most 64.");
        return codes;
    }

    private static DateTime? Instant(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            throw DomainException.Invalid(field, "Give an ISO 8601 time, e.g. 2026-11-30T08:00:00Z.");
        return at.UtcDateTime;
    }

    /// <summary><paramref name="value"/> as a number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/> when absent, null when wrong.</summary>
    private static int? Number(string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;
    }
}
