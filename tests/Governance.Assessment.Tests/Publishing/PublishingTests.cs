using System.Net;
using System.Net.Http.Json;
using Governance.Assessment.Publishing;
using Governance.Assessment.Scores;
using Governance.Assessment.Tests.Infrastructure;
using Governance.Assessment.Tests.Scores;
using Governance.Contracts.Grid;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Tests.Publishing;

/// <summary>Published snapshots on the known history (<see cref="ScoringFixture"/>): frozen against late events and replays, versioned, with their drill-down.</summary>
public sealed class PublishingTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AssessmentHost Host => fixture.Host;

    private HttpClient Admin() => Host.ClientAs("admin-county", Host.County, "admin");

    private async Task<Publisher.SnapshotView> PublishAsync(HttpClient client, string note, string period = "2026-11")
    {
        using var response = await client.PostAsJsonAsync("/api/assessment/published", new { org = Host.County, period, note }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        var view = (await response.Content.ReadFromJsonAsync<Publisher.SnapshotView>(Ct))!;
        Assert.Equal($"/api/assessment/published/{view.Snapshot.Id}", response.Headers.Location?.OriginalString);
        return view;
    }

    [Fact]
    public async Task A_published_month_stays_as_published_through_late_events_and_replays_and_republishing_makes_the_next_version()
    {
        using var admin = Admin();
        using var assessor = fixture.Assessor();
        var c = fixture.DepartmentC.ToString();
        var first = await PublishAsync(admin, "11月考核结果");
        Assert.Equal((1, "2026-11", Host.County, "admin-county"), (first.Snapshot.Version, first.Snapshot.Period, first.Snapshot.Org, first.Snapshot.PublishedBy));
        Assert.All(first.Ranking.Departments, d => Assert.Equal((1, KnownHistory.NovemberTotal), (d.Rank, d.Total)));

        // The published scorecard is the live one, each item opening into the records as they were.
        var live = await Host.GetAsync<Scorecards.Scorecard>(assessor, $"/api/assessment/scorecard?department={c}&period=2026-11");
        var published = await Host.GetAsync<Publisher.PublishedScorecardView>(assessor, $"/api/assessment/published/{first.Snapshot.Id}/scorecard?department={c}");
        Assert.Equal(Points(live), Points(published.Scorecard));
        Assert.Equal((KnownHistory.NovemberTotal, 0m, 0), (published.Live!.Total, published.Live.Change, published.Live.Items.Count));
        var rework = published.Scorecard.Items.Single(i => i.Indicator == "incident_rework_rate");
        Assert.Equal($"/api/assessment/published/{first.Snapshot.Id}/records?department={c}&indicator=incident_rework_rate", rework.Records);
        var records = await Host.GetAsync<Scorecards.IndicatorRecords>(assessor, rework.Records);
        Assert.Equal(["I2", "I4"], records.NumeratorRecords.Select(r => r.Number));
        Assert.Equal(["I1", "I2", "I3", "I4"], records.DenominatorRecords!.Select(r => r.Number));

        // A late incident closed on time in November: the live score moves (61.83, see ScoringTests), the published one does not.
        var late = Guid.NewGuid();
        await Host.PublishAsync(new IncidentDispatched(late, "I7", c, "sanitation", "normal", fixture.StreetC + "/002/001", KnownHistory.Cst(24, 13), 0,
            KnownHistory.Cst(24, 9)), Guid.NewGuid());
        await Host.PublishAsync(new IncidentClosed(late, "I7", fixture.StreetC + "/002/001", c, true, 0, 0, KnownHistory.Cst(25, 10)), Guid.NewGuid());
        Assert.True(await AssessmentHost.WaitUntilAsync(
            () => Host.QueryAsync(db => db.Incidents.AnyAsync(f => f.IncidentId == late && f.ClosedAt != null && f.DepartmentId != null, Ct)), TimeSpan.FromSeconds(30)));
        Assert.Equal(61.83m, (await Host.GetAsync<Scorecards.Scorecard>(assessor, $"/api/assessment/scorecard?department={c}&period=2026-11")).Total);
        await ReplayJobClient.ReplayAsync(Host, admin);
        var again = await Host.GetAsync<Publisher.SnapshotView>(assessor, $"/api/assessment/published/{first.Snapshot.Id}");
        Assert.Equal(first.Ranking.Departments, again.Ranking.Departments);
        var stillPublished = await Host.GetAsync<Publisher.PublishedScorecardView>(assessor, $"/api/assessment/published/{first.Snapshot.Id}/scorecard?department={c}");
        Assert.Equal(Points(published.Scorecard), Points(stillPublished.Scorecard));
        // Beside it, what moved since: the live total and the items whose figures changed (on time 3/4 → 4/5: 18.75 → 22.5).
        Assert.Equal((61.83m, 5.75m), (stillPublished.Live!.Total, stillPublished.Live.Change));
        var onTime = stillPublished.Live.Items.Single(i => i.Indicator == "incident_on_time_rate");
        Assert.Equal((3, 4, 4, (int?)5, 18.75m, 22.5m), (onTime.PublishedNumerator, onTime.LiveNumerator, onTime.PublishedDenominator, onTime.LiveDenominator,
            onTime.PublishedPoints, onTime.LivePoints));
        Assert.DoesNotContain(stillPublished.Live.Items, i => i.Indicator == "dispute_success_rate");
        Assert.Equal(["I1", "I2", "I3", "I4"], (await Host.GetAsync<Scorecards.IndicatorRecords>(assessor, rework.Records)).DenominatorRecords!.Select(r => r.Number));

        // Publishing again makes version 2 with the late incident in it; version 1 is kept.
        var second = await PublishAsync(admin, "补录迟到事件后重新发布");
        Assert.Equal(2, second.Snapshot.Version);
        Assert.Equal((1, c, 61.83m), second.Ranking.Departments.Select(d => (d.Rank, d.DepartmentId, d.Total)).First());
        var versions = await Host.GetAsync<List<Publisher.SnapshotSummary>>(assessor, $"/api/assessment/published?org={Host.County}&period=2026-11");
        Assert.Equal([(1, first.Snapshot.Id), (2, second.Snapshot.Id)], versions.Select(v => (v.Version, v.Id)));
        Assert.Equal(KnownHistory.NovemberTotal,
            (await Host.GetAsync<Publisher.SnapshotView>(assessor, first.Snapshot.Location)).Ranking.Departments.Single(d => d.DepartmentId == c).Total);
    }

    [Fact]
    public async Task Publishing_and_reading_published_figures_are_refused_precisely()
    {
        using var admin = Admin();
        using var assessor = fixture.Assessor();
        // Publishing is assessment.manage's; an assessor reads.
        using var byAssessor = await assessor.PostAsJsonAsync("/api/assessment/published", new { org = Host.County, period = "2026-11" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, byAssessor.StatusCode);
        await AssertRefusedAsync(admin, new { org = Host.County, period = "2026-13" }, HttpStatusCode.BadRequest, "period");
        await AssertRefusedAsync(admin, new { org = "not a path", period = "2026-11" }, HttpStatusCode.BadRequest, "org");
        await AssertRefusedAsync(admin, new { org = Host.County, period = "2026-11", note = new string('x', 2001) }, HttpStatusCode.BadRequest, "note");
        // Nobody in the node has a letter for 2025.
        await AssertRefusedAsync(admin, new { org = Host.County, period = "2025-11" }, HttpStatusCode.Conflict, "NothingToPublish");

        var snapshot = await PublishAsync(admin, "", "2026-12"); // November's versions are the other test's
        // A department handler sees its own department's published scorecard and records, never another's.
        using var handlerA = Host.ClientAs("handler-a", Host.County, "department_handler", fixture.DepartmentA.ToString());
        var own = await Host.GetAsync<Publisher.PublishedScorecardView>(handlerA, $"/api/assessment/published/{snapshot.Snapshot.Id}/scorecard?department={fixture.DepartmentA}");
        Assert.Equal(fixture.DepartmentA.ToString(), own.Scorecard.DepartmentId);
        using var other = await handlerA.GetAsync($"/api/assessment/published/{snapshot.Snapshot.Id}/scorecard?department={fixture.DepartmentB}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var ranking = await handlerA.GetAsync(snapshot.Snapshot.Location, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, ranking.StatusCode);
        using var missing = await assessor.GetAsync($"/api/assessment/published/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var noItem = await assessor.GetAsync($"/api/assessment/published/{snapshot.Snapshot.Id}/records?department={fixture.DepartmentA}&indicator=nope", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noItem.StatusCode);
        Assert.Contains("indicator", await noItem.Content.ReadAsStringAsync(Ct));
    }

    private static async Task AssertRefusedAsync(HttpClient client, object body, HttpStatusCode status, string named)
    {
        using var response = await client.PostAsJsonAsync("/api/assessment/published", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        Assert.Contains(named, text);
    }

    private static string Points(Scorecards.Scorecard card) =>
        string.Join("; ", card.Items.Select(i => $"{i.Indicator} {i.Value} {i.Numerator}/{i.Denominator} {i.Points} {i.NoRecords}")) + $" = {card.Total}";
}
