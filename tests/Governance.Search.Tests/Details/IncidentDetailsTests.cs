using Governance.Contracts.Grid;
using Governance.Grid;
using Governance.Grid.Data;
using Governance.Grid.Incidents;
using Governance.Search.Backends;
using Governance.Search.Details;
using Governance.Search.Tests.Infrastructure;
using Governance.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Search.Tests.Details;

/// <summary>
/// Issue 16, "where an event carries only ids, the document is fetched from its service over gRPC": a real grid host
/// answers <c>GetIncidents</c> to search's service account (role search_service, at search's county; its token from
/// grid's issuer here, where the cluster gets it from identity by client credentials as assessment's account does),
/// and an incident becomes searchable by the words of its description. One outside the account's reach is indexed from
/// its event alone.
/// </summary>
public sealed class IncidentDetailsTests : IAsyncLifetime
{
    private ServiceTestHost<GridDb> _grid = null!;
    private SearchHost _search = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _grid = await ServiceTestHost<GridDb>.StartAsync(new ServiceUnderTest("grid", b => b.AddGridService(), a => a.MapGridService()));
        var county = "";
        _search = await SearchHost.StartAsync(settings: new Dictionary<string, string?>
        {
            [ClientCredentialsSearchGridToken.AddressKey] = _grid.Grpc.ToString(),
            ["Search:DetailsIntervalMs"] = "100",
        }, configure: b => b.Services.AddSingleton<ISearchGridToken>(new GridIssuedToken(() => _grid.Issuer.TokenFor("search", county, ["search_service"]))));
        county = _search.County;
    }

    public async ValueTask DisposeAsync()
    {
        await _search.DisposeAsync();
        await _grid.DisposeAsync();
    }

    [Fact]
    public async Task An_incident_is_found_by_the_words_of_its_description_which_grid_gave_search_over_gRPC()
    {
        var at = new DateTime(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc);
        var community = _search.Org("001/002");
        var inReach = Incident("20261130-000001", "井盖缺失", "人行道上的井盖不见了，行人险些踩空。报告人电话13812345678，身份证632801199001011237", "昆仑路12号", community, at);
        var outside = Incident("20261130-000002", "路灯不亮", "整条街的路灯都不亮", "河西街", "612345/001/001", at);
        await _grid.SeedAsync(db => db.Incidents.AddRange(inReach, outside));
        foreach (var incident in new[] { inReach, outside })
            await _search.PublishAsync(new IncidentReported(incident.Id, incident.Number, "patrol", "city_appearance", "normal", incident.GridCode, incident.OrgPath, at));

        using var op = _search.ClientAs("op-details", _search.County, "centre_operator");
        var query = "/api/search?q=" + Uri.EscapeDataString("人行道"); // a word of the description only
        Assert.True(await SearchHost.WaitUntilAsync(async () => (await _search.GetAsync<SearchResult>(op, query)).Total == 1, TimeSpan.FromSeconds(60)),
            "The incident's description never became searchable.");
        var hit = (await _search.GetAsync<SearchResult>(op, query)).Hits.Single();
        Assert.Equal(($"incident:{inReach.Id}", "事件 20261130-000001 井盖缺失"), (hit.Id, hit.Title));
        Assert.Contains("<em>", hit.Highlight);
        Assert.Equal(1, (await _search.GetAsync<SearchResult>(op, "/api/search?q=" + Uri.EscapeDataString("昆仑路"))).Total);
        // The numbers people typed are masked before they reach the read model or the index, so no search finds them.
        var stored = IndexScan.StoredValues(_search.IndexDirectory);
        Assert.Contains(stored, v => v.Contains("138****5678") && v.Contains("632801********1237"));
        Assert.DoesNotContain(stored, v => v.Contains("13812345678") || v.Contains("632801199001011237"));
        Assert.DoesNotContain(await _search.QueryAsync(db => db.Documents.Select(d => d.Text + d.Details).ToListAsync(Ct)), t => t.Contains("13812345678"));
        Assert.Equal(0, (await _search.GetAsync<SearchResult>(op, "/api/search?q=13812345678")).Total);

        // Outside the account's reach: grid left it out, so it is settled with its event's words only (and never asked again).
        Assert.True(await SearchHost.WaitUntilAsync(() => _search.QueryAsync(db => db.Documents.AnyAsync(d => d.RecordId == outside.Id.ToString() && !d.DetailsWanted, Ct)),
            TimeSpan.FromSeconds(30)), "The incident outside the reach stayed wanted.");
        var row = await _search.QueryAsync(db => db.Documents.AsNoTracking().SingleAsync(d => d.RecordId == outside.Id.ToString(), Ct));
        Assert.Equal(("", "事件 20261130-000002"), (row.Details, row.Title));
        Assert.DoesNotContain("路灯", row.Text);
    }

    private static Incident Incident(string number, string title, string description, string address, string org, DateTime at) => new()
    {
        Number = number, Category = "city_appearance", Title = title, Description = description, Address = address, GridCode = "100000000000001",
        OrgPath = org, ResponsibleOrgPath = org, ReportedBy = "worker-1", ReportedAt = at, UpdatedAt = at, Latitude = 36.4, Longitude = 94.9,
    };

    /// <summary>Search's service account token, minted by the grid host's test issuer (grid trusts it).</summary>
    private sealed class GridIssuedToken(Func<string> mint) : ISearchGridToken
    {
        public Task<string> GetAsync(CancellationToken ct) => Task.FromResult(mint());
    }
}
