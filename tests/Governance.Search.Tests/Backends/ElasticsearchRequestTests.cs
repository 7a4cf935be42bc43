using System.Text;
using System.Text.Json;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Governance.Search.Backends;
using Governance.Search.Backends.Elasticsearch;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.Search.Tests.Backends;

/// <summary>
/// What the Elasticsearch backend sends and how it reads the answer, in every run: the client's own transport with an
/// <see cref="InMemoryRequestInvoker"/> in place of the network, each request's method, path and body recorded.
/// </summary>
public sealed class ElasticsearchRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly List<(string Method, string Path, string Body)> _sent = [];

    private ElasticsearchBackend Backend(string response, int status = 200)
    {
        var settings = new ElasticsearchClientSettings(new InMemoryRequestInvoker(Encoding.UTF8.GetBytes(response), status, null!, "application/json", null!))
            .DisableDirectStreaming()
            .OnRequestCompleted(call => _sent.Add((call.HttpMethod.ToString(), call.Uri!.PathAndQuery,
                call.RequestBodyInBytes is { } b ? Encoding.UTF8.GetString(b) : "")));
        return new ElasticsearchBackend(settings, "governance-search", "smartcn", NullLogger<ElasticsearchBackend>.Instance);
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    public async Task The_index_template_maps_text_with_smartcn_and_the_first_index_carries_the_alias()
    {
        var backend = Backend("""{"error":"not found"}""", 404);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => backend.EnsureIndexAsync(Ct)); // a 404 on the template is a failure, not a fallback
        var template = Json(_sent[0].Body);
        Assert.Equal(("PUT", "/_index_template/governance-search"), (_sent[0].Method, _sent[0].Path));
        Assert.Equal("governance-search-v*", template.GetProperty("index_patterns")[0].GetString());
        var properties = template.GetProperty("template").GetProperty("mappings").GetProperty("properties");
        Assert.Equal("smartcn", properties.GetProperty("text").GetProperty("analyzer").GetString());
        Assert.Equal("smartcn", properties.GetProperty("title").GetProperty("analyzer").GetString());
        Assert.Equal("keyword", properties.GetProperty("org_ancestors").GetProperty("type").GetString());
        Assert.Equal("date", properties.GetProperty("time").GetProperty("type").GetString());
        Assert.Equal("strict", template.GetProperty("template").GetProperty("mappings").GetProperty("dynamic").GetString());
        Assert.True(JsonDocument.Parse(ElasticsearchRequests.IndexWithAlias("governance-search")).RootElement
            .GetProperty("aliases").GetProperty("governance-search").GetProperty("is_write_index").GetBoolean());
    }

    [Fact]
    public async Task Without_the_smartcn_plugin_the_template_falls_back_to_the_built_in_cjk_analyzer()
    {
        var backend = Backend("""{"error":{"type":"illegal_argument_exception","reason":"failed to find analyzer [smartcn]"}}""", 400);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => backend.EnsureIndexAsync(Ct)); // the in-memory server refuses the retry too
        Assert.Equal("cjk", backend.Analyzer);
        Assert.Equal(2, _sent.Count(s => s.Path == "/_index_template/governance-search"));
        Assert.Equal("cjk", Json(_sent[1].Body).GetProperty("template").GetProperty("mappings").GetProperty("properties").GetProperty("text").GetProperty("analyzer").GetString());
    }

    [Fact]
    public async Task Documents_go_in_one_bulk_request_that_waits_until_they_are_searchable()
    {
        var backend = Backend("""{"errors":false,"items":[]}""");
        await backend.IndexAsync([new IndexDocument("incident:1", "incident", "1", "事件 1", "邻里噪音", "63/001/002", "100000000000001", "open", "road",
            new DateTime(2026, 11, 30, 1, 2, 3, DateTimeKind.Utc))], Ct);
        var (method, path, body) = _sent.Single();
        Assert.Equal(("POST", "/governance-search/_bulk?refresh=wait_for"), (method, path));
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("incident:1", Json(lines[0]).GetProperty("index").GetProperty("_id").GetString());
        var source = Json(lines[1]);
        Assert.Equal(["63", "63/001", "63/001/002"], source.GetProperty("org_ancestors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2026-11-30T01:02:03.0000000Z", source.GetProperty("time").GetString());

        var failing = Backend("""{"errors":true,"items":[{"index":{"status":400}}]}""");
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.IndexAsync([new IndexDocument("x:1", "house", "1", "", "", "63", null, null, null, DateTime.UtcNow)], Ct));
    }

    [Fact]
    public async Task A_search_puts_the_scope_and_the_filters_in_the_query_and_asks_for_highlight_facets_and_the_page()
    {
        var backend = Backend("""
            {"hits":{"total":{"value":12,"relation":"eq"},"hits":[
              {"_id":"incident:1","_score":1.5,"_source":{"id":"incident:1","type":"incident","record_id":"1","title":"事件 1","text":"邻里 噪音 纠纷","org_path":"63/001",
               "org_ancestors":["63","63/001"],"grid":null,"status":"open","category":"road","time":"2026-11-30T01:02:03.0000000Z"},
               "highlight":{"text":["邻里 <em>噪音</em> 纠纷"]}}]},
             "aggregations":{"type":{"buckets":[{"key":"incident","doc_count":10},{"key":"dispute","doc_count":2}]},"status":{"buckets":[]},
               "category":{"buckets":[]},"grid":{"buckets":[]}}}
            """);
        var query = new SearchQuery("噪音 纠纷", ["incident", "dispute"], "63/001", "100000000000001", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), null,
            ["open"], ["road"], SearchSort.Relevance, 3, 10, [new ScopeGrant("incident", ["63/001", "63/002"]), new ScopeGrant("dispute", ["63/001"])]);
        var result = await backend.SearchAsync(query, Ct);

        var (method, path, body) = _sent.Single();
        Assert.Equal(("POST", "/governance-search/_search"), (method, path));
        var request = Json(body);
        Assert.Equal((20, 10, true), (request.GetProperty("from").GetInt32(), request.GetProperty("size").GetInt32(), request.GetProperty("track_total_hits").GetBoolean()));
        var filters = request.GetProperty("query").GetProperty("bool").GetProperty("filter");
        // The scope first: one clause per grant (type and subtrees together), at least one must hold.
        var scope = filters[0].GetProperty("bool");
        Assert.Equal(1, scope.GetProperty("minimum_should_match").GetInt32());
        var grant = scope.GetProperty("should")[0].GetProperty("bool").GetProperty("filter");
        Assert.Equal("incident", grant[0].GetProperty("term").GetProperty("type").GetString());
        Assert.Equal(["63/001", "63/002"], grant[1].GetProperty("terms").GetProperty("org_ancestors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["terms", "term", "term", "terms", "terms", "range"], filters.EnumerateArray().Skip(1).Select(f => f.EnumerateObject().Single().Name));
        Assert.Equal("2026-11-01T00:00:00.0000000Z", filters[6].GetProperty("range").GetProperty("time").GetProperty("gte").GetString());
        var must = request.GetProperty("query").GetProperty("bool").GetProperty("must");
        Assert.Equal(2, must.GetArrayLength()); // one clause per chunk of the text
        var words = must[0].GetProperty("bool").GetProperty("should")[0].GetProperty("multi_match");
        Assert.Equal(("噪音", "cross_fields", "and"), (words.GetProperty("query").GetString(), words.GetProperty("type").GetString(), words.GetProperty("operator").GetString()));
        Assert.Equal("_score", request.GetProperty("sort")[0].GetString());
        Assert.Equal("html", request.GetProperty("highlight").GetProperty("encoder").GetString());
        Assert.Equal(["type", "status", "category", "grid"], request.GetProperty("aggs").EnumerateObject().Select(p => p.Name));
        Assert.Equal(50, request.GetProperty("aggs").GetProperty("type").GetProperty("terms").GetProperty("size").GetInt32());

        Assert.Equal(12, result.Total);
        var hit = result.Hits.Single();
        Assert.Equal(("incident:1", "邻里 <em>噪音</em> 纠纷", new DateTime(2026, 11, 30, 1, 2, 3, DateTimeKind.Utc), DateTimeKind.Utc),
            (hit.Id, hit.Highlight, hit.Time, hit.Time.Kind));
        Assert.Equal([("incident", 10L), ("dispute", 2L)], result.Facets["type"].Select(f => (f.Value, f.Count)));
    }

    [Fact]
    public async Task A_caller_with_no_scope_sends_nothing_and_finds_nothing()
    {
        var backend = Backend("{}");
        var result = await backend.SearchAsync(new SearchQuery(null, [], null, null, null, null, [], [], SearchSort.Time, 1, 20, []), Ct);
        Assert.Equal(0, result.Total);
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task Deleting_a_type_is_a_delete_by_query_and_deleting_ids_a_bulk()
    {
        var backend = Backend("""{"errors":false,"deleted":1}""");
        await backend.DeleteAsync(null, "camera", Ct);
        await backend.DeleteAsync(["camera:1"], null, Ct);
        Assert.Equal("/governance-search/_delete_by_query?refresh=true&conflicts=proceed", _sent[0].Path);
        Assert.Equal("camera", Json(_sent[0].Body).GetProperty("query").GetProperty("term").GetProperty("type").GetString());
        Assert.Equal("camera:1", Json(_sent[1].Body.Trim()).GetProperty("delete").GetProperty("_id").GetString());
    }

    [Fact]
    public async Task A_full_rebuild_fills_the_next_index_beside_the_live_one_then_moves_the_alias_in_one_call_and_drops_the_old()
    {
        // The alias points at v1 and v3 (an earlier swap half cleaned up): the rebuild goes to v4 and takes the alias off both.
        var backend = Backend("""{"governance-search-v1":{"aliases":{"governance-search":{}}},"governance-search-v3":{"aliases":{"governance-search":{}}}}""");
        await using (var rebuild = (await backend.BeginRebuildAsync(Ct))!)
        {
            await rebuild.AddAsync([new IndexDocument("grid:1", "grid", "1", "网格 1", "金峰社区", "63/001", "1", null, null, DateTime.UtcNow)], Ct);
            await rebuild.SwapAsync(Ct);
        }
        var requests = _sent.Where(s => !s.Path.StartsWith("/_index_template", StringComparison.Ordinal)).Select(s => $"{s.Method} {s.Path}").ToList();
        Assert.Equal(["GET /_alias/governance-search", "GET /_alias/governance-search", "PUT /governance-search-v4", "POST /governance-search-v4/_bulk",
            "PUT /governance-search-v4/_settings", "POST /governance-search-v4/_refresh", "POST /_aliases",
            "DELETE /governance-search-v1", "DELETE /governance-search-v3"], requests);
        Assert.Equal("-1", Json(_sent.Single(s => s.Path == "/governance-search-v4").Body).GetProperty("settings").GetProperty("index").GetProperty("refresh_interval").GetString());
        var actions = Json(_sent.Single(s => s.Path == "/_aliases").Body).GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["governance-search-v1", "governance-search-v3"], actions.Where(a => a.TryGetProperty("remove", out _)).Select(a => a.GetProperty("remove").GetProperty("index").GetString()));
        var add = actions.Single(a => a.TryGetProperty("add", out _)).GetProperty("add");
        Assert.Equal(("governance-search-v4", "governance-search", true), (add.GetProperty("index").GetString(), add.GetProperty("alias").GetString(), add.GetProperty("is_write_index").GetBoolean()));
    }

    [Fact]
    public async Task A_rebuild_abandoned_before_its_swap_deletes_its_own_index_and_leaves_the_alias_alone()
    {
        var backend = Backend("""{"governance-search-v1":{"aliases":{"governance-search":{}}}}""");
        await using (var rebuild = (await backend.BeginRebuildAsync(Ct))!)
            await rebuild.AddAsync([new IndexDocument("grid:1", "grid", "1", "网格 1", "", "63/001", "1", null, null, DateTime.UtcNow)], Ct);
        Assert.Equal("DELETE /governance-search-v2", $"{_sent[^1].Method} {_sent[^1].Path}");
        Assert.DoesNotContain(_sent, s => s.Path == "/_aliases" || s.Path == "/governance-search-v1");
    }
}
