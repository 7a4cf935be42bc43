using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Search.Backends.Elasticsearch;

/// <summary>
/// The request bodies the Elasticsearch backend sends, and the reading of its answers: the same semantics as
/// <see cref="Lucene.LuceneBackend"/> (the shared suite runs on both). The permission scope is a filter clause of
/// the query itself, so hits, <c>hits.total</c> and every aggregation count only records in scope.
/// </summary>
internal static class ElasticsearchRequests
{
    public static readonly SearchResult Empty = new(0, [], SearchQuery.FacetFields.ToDictionary(f => f, _ => (IReadOnlyList<FacetCount>)[]));

    /// <summary>The index template every <c>{alias}-v{n}</c> index is made from.</summary>
    public static string Template(string alias, string analyzer) => new JsonObject
    {
        ["index_patterns"] = new JsonArray($"{alias}-v*"),
        ["priority"] = 100,
        ["template"] = new JsonObject
        {
            ["settings"] = new JsonObject { ["number_of_shards"] = 1, ["refresh_interval"] = "1s" },
            ["mappings"] = new JsonObject
            {
                ["dynamic"] = "strict",
                ["properties"] = new JsonObject
                {
                    ["id"] = Keyword(), ["type"] = Keyword(), ["record_id"] = Keyword(), ["org_path"] = Keyword(), ["org_ancestors"] = Keyword(),
                    ["grid"] = Keyword(), ["status"] = Keyword(), ["category"] = Keyword(),
                    ["title"] = new JsonObject { ["type"] = "text", ["analyzer"] = analyzer },
                    ["text"] = new JsonObject { ["type"] = "text", ["analyzer"] = analyzer },
                    ["time"] = new JsonObject { ["type"] = "date" },
                },
            },
        },
    }.ToJsonString();

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };

    /// <summary>The first versioned index, with the alias as its write index (a reindex into v2 swaps the alias).</summary>
    public static string IndexWithAlias(string alias) =>
        new JsonObject { ["aliases"] = new JsonObject { [alias] = new JsonObject { ["is_write_index"] = true } } }.ToJsonString();

    /// <summary>An index for a rebuild: no alias yet, and no refreshes while it fills (one at the swap).</summary>
    public static string IndexForRebuild() =>
        new JsonObject { ["settings"] = new JsonObject { ["index"] = new JsonObject { ["refresh_interval"] = "-1" } } }.ToJsonString();

    /// <summary>Sets the index's refresh interval; null puts the default back (1s, as the template has it).</summary>
    public static string RefreshInterval(string? interval) =>
        new JsonObject { ["index"] = new JsonObject { ["refresh_interval"] = interval } }.ToJsonString();

    /// <summary>One atomic <c>_aliases</c> call: the alias leaves every <paramref name="from"/> index and joins <paramref name="to"/> as its write index.</summary>
    public static string SwapAlias(string alias, IEnumerable<string> from, string to)
    {
        var actions = new JsonArray();
        foreach (var old in from) actions.Add(new JsonObject { ["remove"] = new JsonObject { ["index"] = old, ["alias"] = alias } });
        actions.Add(new JsonObject { ["add"] = new JsonObject { ["index"] = to, ["alias"] = alias, ["is_write_index"] = true } });
        return new JsonObject { ["actions"] = actions }.ToJsonString();
    }

    public static string Bulk(IReadOnlyList<IndexDocument> documents)
    {
        var ndjson = new StringBuilder();
        foreach (var d in documents)
        {
            ndjson.Append(new JsonObject { ["index"] = new JsonObject { ["_id"] = d.Id } }.ToJsonString()).Append('\n');
            ndjson.Append(new JsonObject
            {
                ["id"] = d.Id, ["type"] = d.Type, ["record_id"] = d.RecordId, ["title"] = d.Title, ["text"] = d.Text, ["org_path"] = d.OrgPath,
                ["org_ancestors"] = new JsonArray([.. IndexDocument.AncestorsOf(d.OrgPath).Select(a => (JsonNode)a)]),
                ["grid"] = d.Grid, ["status"] = d.Status, ["category"] = d.Category, ["time"] = Instant(d.Time),
            }.ToJsonString()).Append('\n');
        }
        return ndjson.ToString();
    }

    public static string BulkDelete(IReadOnlyList<string> ids) =>
        string.Concat(ids.Select(id => new JsonObject { ["delete"] = new JsonObject { ["_id"] = id } }.ToJsonString() + "\n"));

    public static string DeleteByType(string? type) => new JsonObject
    {
        ["query"] = type is null ? new JsonObject { ["match_all"] = new JsonObject() } : Term("type", type),
    }.ToJsonString();

    public static string Search(SearchQuery query)
    {
        var filters = new JsonArray { Scope(query.Scope) };
        if (query.Types.Count > 0) filters.Add(Terms("type", query.Types));
        if (query.Org is not null) filters.Add(Term("org_ancestors", query.Org));
        if (query.Grid is not null) filters.Add(Term("grid", query.Grid));
        if (query.Statuses.Count > 0) filters.Add(Terms("status", query.Statuses));
        if (query.Categories.Count > 0) filters.Add(Terms("category", query.Categories));
        if (query.From is not null || query.To is not null)
        {
            var range = new JsonObject();
            if (query.From is { } from) range["gte"] = Instant(from);
            if (query.To is { } to) range["lt"] = Instant(to);
            filters.Add(new JsonObject { ["range"] = new JsonObject { ["time"] = range } });
        }
        var @bool = new JsonObject { ["filter"] = filters };
        if (query.Text is not null) @bool["must"] = TextQuery(query.Text);
        var byTimeThenId = new JsonArray { new JsonObject { ["time"] = "desc" }, new JsonObject { ["id"] = "asc" } };
        var sort = query.Sort == SearchSort.Time ? byTimeThenId : new JsonArray { "_score", new JsonObject { ["time"] = "desc" }, new JsonObject { ["id"] = "asc" } };
        var body = new JsonObject
        {
            ["from"] = query.Skip,
            ["size"] = query.PageSize,
            ["track_total_hits"] = true,
            ["query"] = new JsonObject { ["bool"] = @bool },
            ["sort"] = sort,
            ["aggs"] = new JsonObject(SearchQuery.FacetFields.Select(f => KeyValuePair.Create(f,
                (JsonNode?)new JsonObject { ["terms"] = new JsonObject { ["field"] = f, ["size"] = SearchQuery.FacetSize } }))),
        };
        if (query.Text is not null)
            body["highlight"] = new JsonObject
            {
                ["pre_tags"] = new JsonArray("<em>"), ["post_tags"] = new JsonArray("</em>"), ["encoder"] = "html",
                ["fields"] = new JsonObject
                {
                    ["text"] = new JsonObject { ["fragment_size"] = 100, ["number_of_fragments"] = 1 },
                    ["title"] = new JsonObject { ["number_of_fragments"] = 0 },
                },
            };
        return body.ToJsonString();
    }

    /// <summary>Records of a granted type inside one of its subtrees: one should clause per grant, at least one must hold.</summary>
    private static JsonObject Scope(IReadOnlyList<ScopeGrant> scope) => new()
    {
        ["bool"] = new JsonObject
        {
            ["should"] = new JsonArray([.. scope.Select(g => (JsonNode)new JsonObject
            {
                ["bool"] = new JsonObject { ["filter"] = new JsonArray(Term("type", g.Type), Terms("org_ancestors", g.Subtrees)) },
            })]),
            ["minimum_should_match"] = 1,
        },
    };

    /// <summary>
    /// Every word must be in the title or the text (cross_fields, operator and), chunk by chunk (between spaces); a chunk
    /// also matches as one word, since smartcn segments by context (火情 alone is 火|情, in running text one word).
    /// </summary>
    private static JsonArray TextQuery(string text)
    {
        var must = new JsonArray();
        foreach (var chunk in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            must.Add(new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["should"] = new JsonArray(
                        new JsonObject
                        {
                            ["multi_match"] = new JsonObject
                            {
                                ["query"] = chunk, ["fields"] = new JsonArray("title^2", "text"), ["type"] = "cross_fields", ["operator"] = "and",
                            },
                        },
                        new JsonObject { ["term"] = new JsonObject { ["title"] = new JsonObject { ["value"] = chunk.ToLowerInvariant(), ["boost"] = 2 } } },
                        Term("text", chunk.ToLowerInvariant())),
                    ["minimum_should_match"] = 1,
                },
            });
        return must;
    }

    private static JsonObject Term(string field, string value) => new() { ["term"] = new JsonObject { [field] = value } };

    private static JsonObject Terms(string field, IEnumerable<string> values) =>
        new() { ["terms"] = new JsonObject { [field] = new JsonArray([.. values.Select(v => (JsonNode)v)]) } };

    private static string Instant(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static SearchResult ReadSearch(string json, bool highlighted)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var hits = root.GetProperty("hits");
        var total = hits.GetProperty("total").GetProperty("value").GetInt64();
        var list = new List<SearchHit>();
        foreach (var hit in hits.GetProperty("hits").EnumerateArray())
        {
            var s = hit.GetProperty("_source");
            var text = s.GetProperty("text").GetString() ?? "";
            string? highlight = null;
            if (highlighted)
            {
                highlight = First(hit, "text") ?? First(hit, "title") ?? Encode(text.Length > 100 ? text[..100] : text);
            }
            list.Add(new SearchHit(hit.GetProperty("_id").GetString()!, Str(s, "type")!, Str(s, "record_id")!, Str(s, "title") ?? "", highlight, Str(s, "org_path")!,
                Str(s, "grid"), Str(s, "status"), Str(s, "category"),
                DateTime.Parse(Str(s, "time")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)));
        }
        var facets = new Dictionary<string, IReadOnlyList<FacetCount>>();
        foreach (var field in SearchQuery.FacetFields)
        {
            var counts = new List<FacetCount>();
            if (root.TryGetProperty("aggregations", out var aggs) && aggs.TryGetProperty(field, out var agg))
                counts.AddRange(agg.GetProperty("buckets").EnumerateArray().Select(b => new FacetCount(b.GetProperty("key").GetString()!, b.GetProperty("doc_count").GetInt64())));
            facets[field] = counts;
        }
        return new SearchResult(total, list, facets);
    }

    private static string? First(JsonElement hit, string field) =>
        hit.TryGetProperty("highlight", out var h) && h.TryGetProperty(field, out var f) && f.GetArrayLength() > 0 && f[0].GetString() is { } s && s.Contains("<em>", StringComparison.Ordinal)
            ? s : null;

    private static string? Str(JsonElement source, string name) =>
        source.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>As Elasticsearch's html encoder and <see cref="Lucene.LuceneBackend"/>'s.</summary>
    public static string Encode(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#x27;").Replace("/", "&#x2F;");
}
