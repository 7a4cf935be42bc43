using Governance.Search.Backends;

namespace Governance.Search.Tests.Backends;

/// <summary>
/// The query semantics every backend must give, on one shared data set: Lucene embedded in every run, Elasticsearch
/// when <c>ES_URL</c> names a server. Each class writes under an org root of its own, so classes never see each
/// other's documents even on a shared Elasticsearch index.
/// </summary>
public abstract class BackendSuite
{
    protected abstract Task<ISearchBackend> BackendAsync();

    /// <summary>This run's county: a code of its own.</summary>
    private readonly string _county = "8" + Random.Shared.Next(10_000_000, 99_999_999);
    private string A => $"{_county}/001";
    private string B => $"{_county}/002";
    private static readonly DateTime T0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IndexDocument Doc(string type, int n, string org, string text, string? status = "open", string? category = "neighbour", string? grid = null, int hour = 0) =>
        new($"{type}:{_county}-{n}", type, $"{_county}-{n}", $"{type} {n}", text, org, grid, status, category, T0.AddHours(hour == 0 ? n : hour));

    private ScopeGrant[] Everything => [.. new[] { "incident", "dispute", "house", "alert", "camera", "grid" }.Select(t => new ScopeGrant(t, [_county]))];

    private static SearchQuery Query(IReadOnlyList<ScopeGrant> scope, string? text = null, int page = 1, int size = 20, SearchSort sort = SearchSort.Time,
        string[]? types = null, string? org = null, string? grid = null, DateTime? from = null, DateTime? to = null, string[]? statuses = null,
        string[]? categories = null) =>
        new(text, types ?? [], org, grid, from, to, statuses ?? [], categories ?? [], sort, page, size, scope);

    [Fact]
    public async Task A_Chinese_word_finds_the_documents_that_contain_it_in_running_text()
    {
        var backend = await BackendAsync();
        await backend.IndexAsync([
            Doc("incident", 1, A, "邻里之间因噪音问题发生矛盾纠纷，双方多次争吵"),
            Doc("incident", 2, A, "小区东门道路积水严重，影响居民出行"),
            Doc("dispute", 3, A, "楼上装修噪音扰民，协商未果"),
            Doc("incident", 4, A, "Water leak in building 3 after the storm"),
        ], Ct);

        var noise = await backend.SearchAsync(Query(Everything, "噪音", sort: SearchSort.Relevance), Ct);
        Assert.Equal([$"dispute:{_county}-3", $"incident:{_county}-1"], noise.Hits.Select(h => h.Id).Order());
        Assert.All(noise.Hits, h => Assert.Contains("<em>噪音</em>", h.Highlight));

        var both = await backend.SearchAsync(Query(Everything, "噪音纠纷"), Ct);
        Assert.Equal([$"incident:{_county}-1"], both.Hits.Select(h => h.Id));
        var water = await backend.SearchAsync(Query(Everything, "积水"), Ct);
        Assert.Equal([$"incident:{_county}-2"], water.Hits.Select(h => h.Id));
        var english = await backend.SearchAsync(Query(Everything, "LEAK storm"), Ct);
        Assert.Equal([$"incident:{_county}-4"], english.Hits.Select(h => h.Id));
        Assert.Equal(0, (await backend.SearchAsync(Query(Everything, "火灾"), Ct)).Total);

        // SmartCn segments by context: 火情 alone is 火|情, in running text one word. The query finds it either way.
        await backend.IndexAsync([Doc("alert", 5, A, "视频告警 待处理 fire_smoke 火情 烟雾")], Ct);
        Assert.Equal([$"alert:{_county}-5"], (await backend.SearchAsync(Query(Everything, "火情"), Ct)).Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_caller_never_sees_a_record_out_of_scope_on_any_page_or_in_any_facet_count()
    {
        var backend = await BackendAsync();
        var docs = new List<IndexDocument>();
        for (var n = 1; n <= 90; n++)
        {
            var type = (n % 3) switch { 0 => "incident", 1 => "house", _ => "dispute" };
            docs.Add(Doc(type, n, n % 2 == 0 ? A + "/00" + (n % 5) : B, $"第{n}号 噪音 记录", status: n % 4 == 0 ? "closed" : "open",
                category: n % 5 == 0 ? "labour" : "neighbour", grid: n % 2 == 0 ? "100000000000001" : "100000000000002"));
        }
        await backend.IndexAsync(docs, Ct);
        // Incidents and disputes in A; houses in B.
        ScopeGrant[] scope = [new("incident", [A]), new("dispute", [A]), new("house", [B])];
        bool InScope(IndexDocument d) => (d.Type is "incident" or "dispute" && d.OrgPath.StartsWith(A + "/")) || (d.Type == "house" && d.OrgPath == B);
        var expected = docs.Where(InScope).Select(d => d.Id).Order().ToList();
        Assert.InRange(expected.Count, 20, 70);

        foreach (var text in new string?[] { null, "噪音" })
        foreach (var sort in new[] { SearchSort.Time, SearchSort.Relevance })
        {
            var seen = new List<string>();
            SearchResult page;
            var n = 1;
            do
            {
                page = await backend.SearchAsync(Query(scope, text, page: n++, size: 7, sort: sort), Ct);
                Assert.Equal(expected.Count, page.Total);
                seen.AddRange(page.Hits.Select(h => h.Id));
                // Every document has each facet field: each facet's counts add up to the in-scope total, never more.
                foreach (var (field, counts) in page.Facets) Assert.Equal(expected.Count, counts.Sum(c => c.Count));
            } while (page.Hits.Count == 7);
            Assert.Equal(expected, seen.Order().ToList()); // every in-scope record once, nothing else
        }

        var facets = (await backend.SearchAsync(Query(scope), Ct)).Facets;
        Assert.Equal(docs.Where(InScope).GroupBy(d => d.Type).Select(g => (g.Key, (long)g.Count())).OrderBy(x => x.Key),
            facets["type"].Select(c => (c.Value, c.Count)).OrderBy(x => x.Value));
        Assert.Equal(docs.Where(InScope).GroupBy(d => d.Status!).Select(g => (g.Key, (long)g.Count())).OrderBy(x => x.Key),
            facets["status"].Select(c => (c.Value, c.Count)).OrderBy(x => x.Value));

        // A grant of one type at B does not open another type at B, nor anything under A.
        var housesOnly = await backend.SearchAsync(Query([new("house", [B])], size: 100), Ct);
        Assert.All(housesOnly.Hits, h => Assert.Equal(("house", B), (h.Type, h.OrgPath)));
        Assert.Equal(0, (await backend.SearchAsync(Query([]), Ct)).Total);
        // Asking for a type or an org outside the scope narrows; it never widens.
        Assert.Equal(0, (await backend.SearchAsync(Query([new("house", [B])], types: ["incident"]), Ct)).Total);
        Assert.Equal(0, (await backend.SearchAsync(Query([new("house", [B])], org: A), Ct)).Total);
    }

    [Fact]
    public async Task Filters_narrow_by_type_org_subtree_grid_time_status_and_category()
    {
        var backend = await BackendAsync();
        await backend.IndexAsync([
            Doc("incident", 1, A + "/001", "邻里噪音问题", status: "closed", category: "streetlight", grid: "100000000000011", hour: 1),
            Doc("incident", 2, A + "/002", "邻里噪音问题", status: "dispatched", category: "streetlight", grid: "100000000000012", hour: 2),
            Doc("alert", 3, A + "/001", "噪音 视频告警", status: "open", category: "fire_smoke", grid: "100000000000011", hour: 3),
            Doc("incident", 4, B, "邻里噪音问题", status: "closed", category: "road", grid: null, hour: 4),
            Doc("incident", 5, A + "/0011", "邻里噪音问题", status: "closed", category: "streetlight", grid: null, hour: 5),
        ], Ct);
        var all = Everything;
        async Task<string[]> Ids(SearchQuery q) => [.. (await backend.SearchAsync(q, Ct)).Hits.Select(h => h.Id.Split('-')[1]).Order()];

        Assert.Equal(["1", "2", "4", "5"], await Ids(Query(all, types: ["incident"])));
        Assert.Equal(["1", "3"], await Ids(Query(all, org: A + "/001"))); // whole segments: 001 is not 0011
        Assert.Equal(["1", "3"], await Ids(Query(all, grid: "100000000000011")));
        Assert.Equal(["2", "3"], await Ids(Query(all, from: T0.AddHours(2), to: T0.AddHours(4))));
        Assert.Equal(["1", "4", "5"], await Ids(Query(all, statuses: ["closed"])));
        Assert.Equal(["3", "4"], await Ids(Query(all, categories: ["fire_smoke", "road"])));
        Assert.Equal(["1"], await Ids(Query(all, "噪音", types: ["incident"], org: A, statuses: ["closed"], grid: "100000000000011")));
    }

    [Fact]
    public async Task Sorting_by_time_is_newest_first_and_paging_is_stable()
    {
        var backend = await BackendAsync();
        await backend.IndexAsync([.. Enumerable.Range(1, 25).Select(n => Doc("grid", n, A, $"网格 {n}", hour: 100 - n))], Ct);
        var first = await backend.SearchAsync(Query(Everything, size: 10), Ct);
        var second = await backend.SearchAsync(Query(Everything, page: 2, size: 10), Ct);
        var third = await backend.SearchAsync(Query(Everything, page: 3, size: 10), Ct);
        var times = first.Hits.Concat(second.Hits).Concat(third.Hits).Select(h => h.Time).ToList();
        Assert.Equal(25, times.Count);
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal(T0.AddHours(99), first.Hits[0].Time);
        Assert.Equal(DateTimeKind.Utc, first.Hits[0].Time.Kind);
        Assert.Equal(5, third.Hits.Count);
    }

    [Fact]
    public async Task Records_of_one_time_are_ordered_by_id_across_bulks_and_pages()
    {
        var backend = await BackendAsync();
        // Five bulks (five segments on Lucene) of records at one hour, their ids interleaved across the bulks, so the
        // tie-break compares hits of different segments; relevance ties too (the same text everywhere).
        foreach (var bulk in Enumerable.Range(0, 5))
            await backend.IndexAsync([.. Enumerable.Range(0, 6).Select(i => Doc("house", 10 + i * 5 + bulk, A, "同一时间登记的房屋", hour: 500))], Ct);
        var expected = Enumerable.Range(10, 30).Select(n => $"house:{_county}-{n}").Order(StringComparer.Ordinal).ToList();
        foreach (var sort in new[] { SearchSort.Time, SearchSort.Relevance })
        {
            var seen = new List<string>();
            for (var page = 1; page <= 4; page++)
                seen.AddRange((await backend.SearchAsync(Query(Everything, sort == SearchSort.Relevance ? "房屋" : null, page: page, size: 8, sort: sort, types: ["house"]), Ct)).Hits.Select(h => h.Id));
            Assert.Equal(expected, seen);
        }
    }

    [Fact]
    public async Task Facet_values_come_most_frequent_first_then_by_value()
    {
        var backend = await BackendAsync();
        string[] statuses = ["b", "a", "c", "b", "c", "a", "c"];
        await backend.IndexAsync([.. statuses.Select((status, i) => Doc("alert", 200 + i, $"{_county}/003", $"告警 {i}", status: status))], Ct);
        var result = await backend.SearchAsync(Query(Everything, org: $"{_county}/003"), Ct);
        Assert.Equal([("c", 3L), ("a", 2L), ("b", 2L)], result.Facets["status"].Select(c => (c.Value, c.Count)));
    }

    [Fact]
    public async Task A_large_bulk_is_indexed_whole_and_an_id_given_twice_keeps_its_last_version()
    {
        var backend = await BackendAsync();
        var bulk = Enumerable.Range(1, 1_500).Select(n => Doc("camera", 1_000 + n, B, $"摄像机 {n}", status: "online")).ToList();
        bulk.Add(Doc("camera", 1_001, B, "摄像机 1", status: "offline"));
        await backend.IndexAsync(bulk, Ct);
        var all = await backend.SearchAsync(Query(Everything, types: ["camera"], org: B, size: 1), Ct);
        Assert.Equal(1_500, all.Total);
        var offline = await backend.SearchAsync(Query(Everything, types: ["camera"], org: B, statuses: ["offline"]), Ct);
        Assert.Equal([$"camera:{_county}-1001"], offline.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Relevance_puts_the_title_match_first_and_a_replaced_document_is_found_by_its_new_text()
    {
        var backend = await BackendAsync();
        await backend.IndexAsync([
            Doc("grid", 1, A, "金峰社区 第七网格 住宅小区") with { Title = "金峰社区第七网格" },
            Doc("grid", 2, A, "其他 网格，靠近金峰社区") with { Title = "银湖社区第一网格" },
        ], Ct);
        var hits = (await backend.SearchAsync(Query(Everything, "金峰", sort: SearchSort.Relevance), Ct)).Hits;
        Assert.Equal([$"grid:{_county}-1", $"grid:{_county}-2"], hits.Select(h => h.Id));

        await backend.IndexAsync([Doc("grid", 2, A, "改名后的网格 银湖")], Ct);
        Assert.Equal([$"grid:{_county}-1"], (await backend.SearchAsync(Query(Everything, "金峰"), Ct)).Hits.Select(h => h.Id));
        Assert.Equal(2, (await backend.SearchAsync(Query(Everything), Ct)).Total);
    }

    [Fact]
    public async Task Deleting_by_id_and_by_type_removes_from_hits_and_facets()
    {
        var backend = await BackendAsync();
        await backend.IndexAsync([Doc("camera", 1, A, "摄像机 一"), Doc("camera", 2, A, "摄像机 二"), Doc("house", 3, A, "房屋 三")], Ct);
        await backend.DeleteAsync([$"camera:{_county}-1"], null, Ct);
        var left = await backend.SearchAsync(Query(Everything), Ct);
        Assert.Equal([$"camera:{_county}-2", $"house:{_county}-3"], left.Hits.Select(h => h.Id).Order());
        Assert.Equal([("camera", 1L), ("house", 1L)], left.Facets["type"].Select(c => (c.Value, c.Count)).OrderBy(c => c.Value));
    }
}
