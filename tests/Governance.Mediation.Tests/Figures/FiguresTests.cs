using System.Net;
using System.Net.Http.Json;
using Governance.Mediation.Cases;
using Governance.Mediation.Figures;
using Governance.Mediation.Tests.Infrastructure;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;

namespace Governance.Mediation.Tests.Figures;

/// <summary>The figures computed by PostgreSQL in one statement (the cluster).</summary>
public sealed class FiguresOnPostgreSqlTests() : FiguresTests(sqlite: false);

/// <summary>The same figures computed in memory on SQLite (the standalone host): the same numbers.</summary>
public sealed class FiguresOnSqliteTests() : FiguresTests(sqlite: true);

/// <summary>Figures over a known set of cases written straight into the database, each number worked out by hand.</summary>
public abstract class FiguresTests(bool sqlite) : IAsyncLifetime
{
    private MediationHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await MediationHost.StartAsync(sqlite: sqlite);
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        DisputeCase Case(int n, string org, string created, CaseState state, MediationLevel level, double? daysToSettle = null, double? dueInDays = null)
        {
            var at = DateTime.SpecifyKind(DateTime.Parse(created), DateTimeKind.Utc);
            return new DisputeCase
            {
                Number = $"TJ20260101-{n:D6}", Name = $"case {n}", Place = "somewhere", OrgPath = org, Summary = "s", ResponsibleOrgPath = org,
                State = state, Level = level, CreatedAt = at, UpdatedAt = at, SettledAt = daysToSettle is { } d ? at.AddDays(d) : null,
                LevelDueAt = dueInDays is { } due ? now.AddDays(due) : null,
            };
        }
        await _host.QueryAsync(db =>
        {
            db.Cases.AddRange(
                Case(1, Grid1, "2026-01-10T08:00:00", CaseState.Settled, MediationLevel.Grid, 2),
                Case(2, Grid1, "2026-01-15T08:00:00", CaseState.Settled, MediationLevel.Community, 4),
                Case(3, Grid1, "2026-02-01T08:00:00", CaseState.PartiallySettled, MediationLevel.Street, 9),
                Case(4, Community, "2026-02-03T08:00:00", CaseState.Failed, MediationLevel.Community),
                Case(5, Grid1, "2026-02-05T08:00:00", CaseState.InMediation, MediationLevel.Grid, dueInDays: -1),
                Case(6, OtherCommunity + "/004", "2026-02-10T08:00:00", CaseState.Settled, MediationLevel.Grid, 1),
                Case(7, OtherCommunity, "2026-02-11T08:00:00", CaseState.Registered, MediationLevel.Community, dueInDays: 10),
                Case(8, Street, "2026-01-20T08:00:00", CaseState.Closed, MediationLevel.County, 20),
                Case(9, "632801/002/001", "2026-01-12T08:00:00", CaseState.Settled, MediationLevel.Grid, 3));   // another street: never counted
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<FiguresApi.FiguresView> GetAsync(string query)
    {
        using var client = _host.ClientAs("operator-1", Street, "centre_operator");
        var response = await client.GetAsync("/api/mediation/figures?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FiguresApi.FiguresView>(TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task The_subtrees_totals_are_right()
    {
        var figures = await GetAsync($"org={Street}");
        Assert.Equal(new CaseFigures(null, 8, 5, 1, 1, 0.8333, 7.2, 4, new SettledShares(0.4, 0.2, 0.2, 0.2), 1), figures.Total);
        Assert.Empty(figures.Groups);
    }

    [Fact]
    public async Task By_org_each_child_node_and_the_node_itself_get_their_own_figures()
    {
        var figures = await GetAsync($"org={Street}&groupBy=org");
        Assert.Equal(8, figures.Total.Registered);
        Assert.Equal(
        [
            new CaseFigures(Street, 1, 1, 0, 0, 1, 20, 20, new SettledShares(0, 0, 0, 1), 0),
            new CaseFigures(Community, 5, 3, 1, 1, 0.75, 5, 4, new SettledShares(0.3333, 0.3333, 0.3333, 0), 1),
            new CaseFigures(OtherCommunity, 2, 1, 0, 0, 1, 1, 1, new SettledShares(1, 0, 0, 0), 0),
        ], figures.Groups);
    }

    [Fact]
    public async Task By_month_and_within_a_period()
    {
        var months = await GetAsync($"org={Street}&groupBy=month");
        Assert.Equal(
        [
            new CaseFigures("2026-01", 3, 3, 0, 0, 1, 8.67, 4, new SettledShares(0.3333, 0.3333, 0, 0.3333), 0),
            new CaseFigures("2026-02", 5, 2, 1, 1, 0.6667, 5, 5, new SettledShares(0.5, 0, 0.5, 0), 1),
        ], months.Groups);
        var february = await GetAsync($"org={Street}&from=2026-02-01&to=2026-03-01");
        Assert.Equal(months.Groups[1] with { Key = null }, february.Total);
    }

    [Fact]
    public async Task An_empty_subtree_has_zero_counts_and_no_rates()
    {
        var figures = await GetAsync($"org={Community}/009");
        Assert.Equal(new CaseFigures(null, 0, 0, 0, 0, null, null, null, new SettledShares(null, null, null, null), 0), figures.Total);
    }

    [Fact]
    public async Task Figures_outside_the_callers_subtree_or_with_a_bad_grouping_are_refused()
    {
        using var mediator = _host.ClientAs("m-9", OtherCommunity, "mediator");
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync($"/api/mediation/figures?org={Street}", ct)).StatusCode);
        var bad = await mediator.GetAsync($"/api/mediation/figures?org={OtherCommunity}&groupBy=week", ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("groupBy", await bad.Content.ReadAsStringAsync(ct));
        using var anonymous = new HttpClient { BaseAddress = _host.Http };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/mediation/figures?org={Street}", ct)).StatusCode);
    }
}
