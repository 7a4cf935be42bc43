using System.Net;
using System.Text.Json;
using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Contracts.Population;
using Governance.Contracts.VideoAlert;
using Governance.Search.Backends;
using Governance.Search.Tests.Infrastructure;
using Governance.Search.Reindex;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Search.Tests.Api;

/// <summary>
/// Events published on the real broker become searchable over REST, and each caller finds only what their posts'
/// roles may read, within their subtrees; every search is audited. One host for the class (<see cref="CityFixture"/>).
/// </summary>
public sealed class SearchApiTests(CityFixture city) : IClassFixture<CityFixture>
{
    private SearchHost Host => city.Host;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_centre_operator_finds_the_records_their_role_may_read_within_their_subtree_and_nothing_else()
    {
        using var operatorA = Host.ClientAs("op-a", Host.Org("001"), "centre_operator");
        var all = await Host.GetAsync<SearchResult>(operatorA, "/api/search?pageSize=100");
        // Centre operators read incidents, disputes, alerts, cameras and grids, not houses; street 002 is outside.
        Assert.Equal([city.Alert, city.Camera, city.Dispute, city.Grid, city.IncidentA], all.Hits.Select(h => h.Id).Order());
        Assert.Equal(5, all.Total);
        Assert.Equal(5, all.Facets["type"].Sum(f => f.Count));
        Assert.DoesNotContain(all.Facets["type"], f => f.Value == "house");

        var noise = await Host.GetAsync<SearchResult>(operatorA, "/api/search?q=" + Uri.EscapeDataString("社区"));
        Assert.Equal([city.Grid], noise.Hits.Select(h => h.Id));
        Assert.Contains("<em>社区</em>", noise.Hits[0].Highlight);
        var fire = await Host.GetAsync<SearchResult>(operatorA, "/api/search?q=" + Uri.EscapeDataString("火情"));
        Assert.Equal([city.Alert], fire.Hits.Select(h => h.Id));

        using var investigator = Host.ClientAs("inv-1", Host.County, "investigator");
        var houses = await Host.GetAsync<SearchResult>(investigator, "/api/search?pageSize=100");
        Assert.Equal([city.House], houses.Hits.Select(h => h.Id)); // investigators read houses (population.read) only
        using var operatorB = Host.ClientAs("op-b", Host.Org("002"), "centre_operator");
        Assert.Equal([city.IncidentB], (await Host.GetAsync<SearchResult>(operatorB, "/api/search?type=incident")).Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Every_search_is_audited_with_who_the_words_the_filters_and_the_count()
    {
        using var op = Host.ClientAs("op-audit", Host.Org("001"), "centre_operator");
        await Host.GetAsync<SearchResult>(op, "/api/search?q=" + Uri.EscapeDataString("视频告警") + "&type=alert,incident&sort=time");
        var entry = await Host.QueryAsync(db => db.Audit.AsNoTracking().SingleAsync(a => a.Subject == "op-audit", Ct));
        Assert.Equal(("视频告警", 1L, "rest", "lucene"), (entry.Query, entry.ResultCount, entry.Channel, entry.Backend));
        using var filters = JsonDocument.Parse(entry.Filters);
        Assert.Equal(["alert", "incident"], filters.RootElement.GetProperty("types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("time", filters.RootElement.GetProperty("sort").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_callers_without_search_query_are_refused()
    {
        using var op = Host.ClientAs("op-bad", Host.Org("001"), "centre_operator");
        op.DefaultRequestHeaders.Add("Accept-Language", "en");
        foreach (var (query, field) in new[]
                 {
                     ("type=person", "type"), ("org=abc", "org"), ("grid=12", "grid"), ("from=yesterday", "from"),
                     ("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to"), ("status=a%20b", "status"), ("sort=name", "sort"),
                     ("page=0", "page"), ("pageSize=101", "pageSize"), ("page=200&pageSize=100", "page"), ("q=" + new string('x', 201), "q"),
                 })
        {
            using var response = await op.GetAsync("/api/search?" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem.RootElement}");
        }
        using var mediator = Host.ClientAs("med-1", Host.County, "mediator");
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync("/api/search?q=x", Ct)).StatusCode);
        using var anonymous = Host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/search", Ct)).StatusCode);
        Assert.False(await Host.QueryAsync(db => db.Audit.AnyAsync(a => a.Subject == "med-1", Ct)));
    }

    [Fact]
    public async Task A_state_follows_the_latest_event_whatever_order_and_however_often_they_arrive()
    {
        var id = Guid.NewGuid();
        var at = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);
        var closed = new IncidentTransitioned(id, "20261120-000001", "close", "verified", "closed", Host.Org("003"), at.AddHours(5));
        Guid closedId = Guid.NewGuid(), dispatchedId = Guid.NewGuid(), reportedId = Guid.NewGuid();
        await Host.PublishAsync(closed, closedId);
        await Host.PublishAsync(new IncidentTransitioned(id, "20261120-000001", "dispatch", "registered", "dispatched", Host.Org("003"), at.AddHours(1)), dispatchedId);
        await Host.PublishAsync(new IncidentReported(id, "20261120-000001", "patrol", "streetlight", "urgent", "100000000000001", Host.Org("003"), at), reportedId);
        await Host.PublishAsync(closed, closedId);
        using var op = Host.ClientAs("op-order", Host.Org("003"), "centre_operator");
        var doc = $"incident:{id}";
        // Every event folded and the row indexed before the search: the state can be right before the last of them (the
        // early "dispatched") folds, and a fold after this test would change a row under the class's rebuild test.
        Guid[] ids = [closedId, dispatchedId, reportedId];
        Assert.True(await SearchHost.WaitUntilAsync(async () =>
            await Host.QueryAsync(db => db.Set<Governance.Messaging.Inbox.InboxMessage>().CountAsync(m => ids.Contains(m.MessageId), Ct)) == ids.Length
            && await Host.QueryAsync(db => db.Documents.AnyAsync(d => d.Id == doc && !d.Pending, Ct)),
            TimeSpan.FromSeconds(30)), "The incident's events were never all folded and indexed.");
        Assert.True(await SearchHost.WaitUntilAsync(async () =>
            (await Host.GetAsync<SearchResult>(op, "/api/search?q=20261120-000001")).Hits.FirstOrDefault(h => h.Id == doc) is { Status: "closed", Category: "streetlight" },
            TimeSpan.FromSeconds(30)), "The incident never became searchable as closed.");
        var hit = (await Host.GetAsync<SearchResult>(op, "/api/search?q=" + Uri.EscapeDataString("紧急 巡查"))).Hits.Single(h => h.Id == doc);
        Assert.Equal((at, "100000000000001", "事件 20261120-000001"), (hit.Time, hit.Grid, hit.Title));
    }

    [Fact]
    public async Task No_person_is_ever_in_the_read_model_or_the_index()
    {
        // PersonMovedIn was published with the city; a scan of every stored field of every document finds no trace of it.
        var rows = await Host.QueryAsync(db => db.Documents.AsNoTracking().ToListAsync(Ct));
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, r => r.Id.Contains(city.Person.ToString()) || r.Text.Contains(city.Person.ToString()) || r.Type == "person");
        var stored = IndexScan.StoredValues(Host.IndexDirectory);
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, v => v.Contains(city.Person.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Reindexing_a_type_rebuilds_it_from_the_read_model_and_needs_search_manage()
    {
        using var admin = Host.ClientAs("admin-1", Host.County, "admin");
        using var response = await admin.PostAsync("/api/search/reindex?type=grid", null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("grid", outcome.RootElement.GetProperty("type").GetString());
        Assert.True(outcome.RootElement.GetProperty("documents").GetInt64() >= 1);
        using var op = Host.ClientAs("op-reindex", Host.Org("001"), "centre_operator");
        Assert.Equal([city.Grid], (await Host.GetAsync<SearchResult>(op, "/api/search?type=grid")).Hits.Select(h => h.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsync("/api/search/reindex", null, Ct)).StatusCode);
        using var bad = await admin.PostAsync("/api/search/reindex?type=person", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_rebuild_beside_the_live_index_writes_every_row_then_after_its_swap_writes_again_the_rows_changed_while_it_ran()
    {
        // Rows last changed an hour ago, except one an event changes while the rebuild runs (as a fold marks it).
        await Host.QueryAsync(db => db.Documents.ExecuteUpdateAsync(s => s.SetProperty(d => d.ChangedAt, DateTime.UtcNow.AddHours(-1)), Ct));
        var before = await Host.QueryAsync(db => db.Documents.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Revision, Ct));
        await using var scope = Host.Services.CreateAsyncScope();
        var live = scope.ServiceProvider.GetRequiredService<ISearchBackend>();
        var beside = new BesideBackend(live, () => Host.QueryAsync(db => db.Documents.Where(d => d.Id == city.IncidentB).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Revision, d => d.Revision + 1).SetProperty(d => d.Pending, true).SetProperty(d => d.ChangedAt, DateTime.UtcNow), Ct)));
        var reindexer = ActivatorUtilities.CreateInstance<Reindexer>(scope.ServiceProvider, beside);

        var outcome = await reindexer.ReindexAsync(null, Ct);

        Assert.Equal(("all", (long)before.Count), (outcome.Type, outcome.Documents));
        Assert.Equal(before.Keys.Order(), beside.Built.Order());
        Assert.Equal(1, beside.Swaps);
        var after = await Host.QueryAsync(db => db.Documents.AsNoTracking().ToDictionaryAsync(d => d.Id, d => (d.Revision, d.Pending), Ct));
        // The changed row: one for the event, one for the mark after the swap; the others untouched, and none left pending.
        Assert.Equal(before[city.IncidentB] + 2, after[city.IncidentB].Revision);
        Assert.All(before.Where(b => b.Key != city.IncidentB), b => Assert.Equal(b.Value, after[b.Key].Revision));
        Assert.DoesNotContain(after.Values, v => v.Pending);
    }

    /// <summary>The live backend, with a rebuild beside it that records what it was given and runs <paramref name="duringBuild"/> on its first page.</summary>
    private sealed class BesideBackend(ISearchBackend live, Func<Task> duringBuild) : ISearchBackend, IIndexRebuild
    {
        public List<string> Built { get; } = [];
        public int Swaps { get; private set; }
        public string Name => live.Name;
        public Task EnsureIndexAsync(CancellationToken ct) => live.EnsureIndexAsync(ct);
        public Task IndexAsync(IReadOnlyList<IndexDocument> documents, CancellationToken ct) => live.IndexAsync(documents, ct);
        public Task DeleteAsync(IReadOnlyList<string>? ids, string? type, CancellationToken ct) => live.DeleteAsync(ids, type, ct);
        public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct) => live.SearchAsync(query, ct);
        public Task<IIndexRebuild?> BeginRebuildAsync(CancellationToken ct) => Task.FromResult<IIndexRebuild?>(this);

        public async Task AddAsync(IReadOnlyList<IndexDocument> documents, CancellationToken ct)
        {
            if (Built.Count == 0) await duringBuild();
            Built.AddRange(documents.Select(d => d.Id));
        }

        public Task SwapAsync(CancellationToken ct)
        {
            Swaps++;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
