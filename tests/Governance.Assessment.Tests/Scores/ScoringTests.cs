using System.Net;
using System.Net.Http.Json;
using Governance.Assessment.Scores;
using Governance.Assessment.Tests.Infrastructure;
using Governance.Contracts.Grid;
using Governance.Contracts.Population;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Tests.Scores;

public sealed class ScoringTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AssessmentHost Host => fixture.Host;
    private Guid DepartmentA => fixture.DepartmentA;
    private Guid DepartmentB => fixture.DepartmentB;
    private Guid DepartmentC => fixture.DepartmentC;
    private string StreetA => fixture.StreetA;
    private string StreetB => fixture.StreetB;
    private string StreetC => fixture.StreetC;

    private async Task<Scorecards.Scorecard> ScorecardAsync(Guid department, string period = "2026-11")
    {
        using var assessor = fixture.Assessor();
        return await Host.GetAsync<Scorecards.Scorecard>(assessor, $"/api/assessment/scorecard?department={department}&period={period}");
    }

    [Fact]
    public async Task Rental_inspections_on_time_are_counted_per_org_once_each_however_often_they_arrive()
    {
        var street = Host.Org("007");
        var house = Guid.NewGuid();
        RentalInspected Inspected(DateOnly on, DateOnly dueBy) => new(house, Guid.NewGuid(), on, dueBy, on <= dueBy, "watched", on.AddDays(90),
            street + "/001", new DateTime(on, new TimeOnly(2, 0), DateTimeKind.Utc));
        var onTime = Inspected(new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 5));
        var late = Inspected(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 10));
        var december = Inspected(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1)); // 00:00 Beijing time is still 30 November in UTC
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        await Host.PublishAsync(late, ids[0]);
        await Host.PublishAsync(onTime, ids[1]);
        await Host.PublishAsync(onTime, ids[1]); // redelivered
        await Host.PublishAsync(onTime, ids[2]); // republished under a new id: one inspection still
        await Host.PublishAsync(december, ids[3]);
        await Host.WaitForLoggedAsync(ids);

        // November: 1 of 2 inspections made by its due day.
        using var assessor = fixture.Assessor();
        var values = await Host.GetAsync<List<Governance.Assessment.Indicators.IndicatorValue>>(assessor,
            $"/api/assessment/indicator-values?org={street}&period=2026-11");
        var rental = values.Single(v => v.Code == "rental_reinspection_on_time_rate");
        Assert.Equal((0.5m, 1, (int?)2), (rental.Value, rental.Numerator, rental.Denominator));
        var records = await Host.GetAsync<Scorecards.IndicatorRecords>(assessor,
            $"/api/assessment/records?indicator=rental_reinspection_on_time_rate&org={street}&period=2026-11");
        var made = Assert.Single(records.NumeratorRecords);
        Assert.Equal((onTime.InspectionId.ToString(), "2026-11-03", $"/api/population/houses/{house}"), (made.Id, made.Number, made.Link));
        Assert.Equal(2, records.DenominatorRecords!.Count);
        var next = await Host.GetAsync<Scorecards.IndicatorRecords>(assessor,
            $"/api/assessment/records?indicator=rental_reinspection_on_time_rate&org={street}&period=2026-12");
        Assert.Equal([december.InspectionId.ToString()], next.DenominatorRecords!.Select(r => r.Id));
    }

    [Fact]
    public async Task A_months_scorecard_is_the_letters_rules_applied_to_the_work_as_worked_out_by_hand()
    {
        var card = await ScorecardAsync(DepartmentA);

        // The arithmetic is in KnownHistory.Letter's comment.
        var items = card.Items.ToDictionary(i => i.Indicator);
        Assert.Equal((0.75m, 3, 4, 18.75m), Of(items["incident_on_time_rate"]));
        Assert.Equal((0.5m, 2, 4, 2.00m), Of(items["incident_rework_rate"]));
        Assert.Equal((0.5m, 2, 4, 0m), Of(items["incident_extension_rate"]));
        Assert.Equal((0.6667m, 2, 3, 20m), Of(items["incident_satisfaction_rate"]));
        Assert.Equal((1m, 1, (int?)null, 6m), Of(items["incident_misdispatch_returns"]));
        Assert.Equal((0.6667m, 2, 3, 3.33m), Of(items["dispute_success_rate"]));
        Assert.Equal((0.5m, 1, 2, 5.00m), Of(items["dispute_grassroots_share"]));
        Assert.Equal((0.5m, 1, 2, 1m), Of(items["alert_ack_on_time_rate"]));
        Assert.Equal(KnownHistory.NovemberTotal, card.Total);
        Assert.Equal(100m, card.MaxPoints);
        Assert.Equal(1, card.Letter.Version);
        Assert.Equal("assessor-county", card.Letter.SignedBy);

        // Every point opens into its records: the rework rate's are I2 and I4 of I1-I4; the dispute success's C1, C2 of C1-C3.
        using var assessor = fixture.Assessor();
        var rework = await Host.GetAsync<Scorecards.IndicatorRecords>(assessor, items["incident_rework_rate"].Records);
        Assert.Equal(["I2", "I4"], rework.NumeratorRecords.Select(r => r.Number));
        Assert.Equal(["I1", "I2", "I3", "I4"], rework.DenominatorRecords!.Select(r => r.Number));
        Assert.All(rework.NumeratorRecords, r => Assert.Equal($"/api/grid/incidents/{r.Id}", r.Link));
        var disputes = await Host.GetAsync<Scorecards.IndicatorRecords>(assessor, items["dispute_success_rate"].Records);
        Assert.Equal(["C1", "C2"], disputes.NumeratorRecords.Select(r => r.Number));
        Assert.Equal(["C1", "C2", "C3"], disputes.DenominatorRecords!.Select(r => r.Number));
        var returns = await Host.GetAsync<Scorecards.IndicatorRecords>(assessor, items["incident_misdispatch_returns"].Records);
        Assert.Equal(["I6"], returns.NumeratorRecords.Select(r => r.Number));

        // I5 closed at 00:30 on 1 December Beijing time: December's.
        var december = await Host.GetAsync<Scorecards.IndicatorRecords>(assessor,
            $"/api/assessment/records?indicator=incident_on_time_rate&period=2026-12&department={DepartmentA}");
        Assert.Equal((0, 1), (december.Numerator, december.Denominator));
        Assert.Equal(["I5"], december.DenominatorRecords!.Select(r => r.Number));

        // The quarter holds November (and nothing else happened in Q4): the same values.
        var quarter = await ScorecardAsync(DepartmentA, "2026-Q4");
        Assert.Equal(0.6m, quarter.Items.Single(i => i.Indicator == "incident_on_time_rate").Value); // I1, I3, I4 on time of I1-I5
    }

    [Fact]
    public async Task A_departments_trend_is_its_monthly_scorecards_through_the_year_with_the_change_between_them()
    {
        using var assessor = fixture.Assessor();
        var trend = await Host.GetAsync<Trends.Trend>(assessor, $"/api/assessment/trends?department={DepartmentA}&year=2026");
        var today = Host.Clock.GetUtcNow().UtcDateTime.AddHours(8); // the months begun so far, in Beijing time
        var months = today.Year > 2026 ? 12 : today.Month;
        Assert.Equal(Enumerable.Range(1, months).Select(m => $"2026-{m:D2}"), trend.Months.Select(m => m.Period));
        var november = trend.Months[10];
        Assert.Equal((await ScorecardAsync(DepartmentA)).Total, november.Total);
        Assert.Equal(november.Total - trend.Months[9].Total, november.Change);
        Assert.Null(trend.Months[0].Change);
        Assert.Equal($"/api/assessment/scorecard?department={DepartmentA}&period=2026-11", november.Scorecard);

        using var noLetter = await assessor.GetAsync($"/api/assessment/trends?department={DepartmentA}&year=2025", Ct);
        Assert.Equal(HttpStatusCode.NotFound, noLetter.StatusCode);
        using var badYear = await assessor.GetAsync($"/api/assessment/trends?department={DepartmentA}&year=1999", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        using var otherDepartment = Host.ClientAs("handler-b", StreetB, "department_handler", department: DepartmentB.ToString());
        using var refused = await otherDepartment.GetAsync($"/api/assessment/trends?department={DepartmentA}&year=2026", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_same_history_shuffled_with_redeliveries_and_republished_copies_gives_the_same_facts_and_scores()
    {
        var inOrder = await ScorecardAsync(DepartmentA);
        var shuffled = await ScorecardAsync(DepartmentB);

        Assert.Equal(Points(inOrder), Points(shuffled));
        Assert.Equal(inOrder.Total, shuffled.Total);
        Assert.Equal(await FactsAsync(StreetA, DepartmentA), await FactsAsync(StreetB, DepartmentB));
        // The log keeps the republished copies (another message id), never a redelivery.
        Assert.Equal(fixture.Published.Count, await Host.LoggedAsync([.. fixture.Published]));
    }

    [Fact]
    public async Task Replay_rebuilds_the_same_facts_and_scores_from_the_event_log()
    {
        var before = new[] { await ScorecardAsync(DepartmentA), await ScorecardAsync(DepartmentB), await ScorecardAsync(DepartmentC) };
        var factsBefore = new[] { await FactsAsync(StreetA, DepartmentA), await FactsAsync(StreetB, DepartmentB), await FactsAsync(StreetC, DepartmentC) };

        using var admin = Host.ClientAs("admin-county", Host.County, "admin");
        var result = (await Publishing.ReplayJobClient.ReplayAsync(Host, admin)).Result!;
        Assert.True(result.Events >= fixture.Published.Count, $"{result.Events} events replayed");

        var after = new[] { await ScorecardAsync(DepartmentA), await ScorecardAsync(DepartmentB), await ScorecardAsync(DepartmentC) };
        Assert.Equal(before.Select(Points), after.Select(Points));
        string[] factsAfter = [await FactsAsync(StreetA, DepartmentA), await FactsAsync(StreetB, DepartmentB), await FactsAsync(StreetC, DepartmentC)];
        Assert.Equal(factsBefore, factsAfter);

        // Only assessment's managers replay.
        using var assessor = fixture.Assessor();
        using var refused = await assessor.PostAsync("/api/assessment/replay", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_late_event_changes_the_live_score_and_the_ranking()
    {
        using var assessor = fixture.Assessor();
        var ranking = await Host.GetAsync<Scorecards.Ranking>(assessor, $"/api/assessment/rankings?org={Host.County}&period=2026-11");
        var c = ranking.Departments.Single(d => d.DepartmentId == DepartmentC.ToString());
        Assert.Equal(KnownHistory.NovemberTotal, c.Total);
        Assert.Equal(3, ranking.Departments.Count);

        // An incident closed on 25 November reaches assessment after the scorecard was read: on time, no rework or extension.
        var late = Guid.NewGuid();
        await Host.PublishAsync(new IncidentClosed(late, "I7", StreetC + "/002/001", DepartmentC.ToString(), true, 0, 0, KnownHistory.Cst(25, 10)), Guid.NewGuid());
        await Host.PublishAsync(new IncidentDispatched(late, "I7", DepartmentC.ToString(), "sanitation", "normal", StreetC + "/002/001",
            KnownHistory.Cst(24, 13), 0, KnownHistory.Cst(24, 9)), Guid.NewGuid());
        Assert.True(await AssessmentHost.WaitUntilAsync(
            () => Host.QueryAsync(db => db.Incidents.AnyAsync(f => f.IncidentId == late && f.ClosedAt != null && f.DepartmentId != null, Ct)),
            TimeSpan.FromSeconds(30)));

        // on time 4/5 = 0.8: (0.8 − 0.5) / 0.4 = 0.75 × 30 = 22.5; rework 2/5 = 0.4: (0.4 − 0.6) / −0.5 = 0.4 × 10 = 4;
        // extension 2/5 = 0.4 > 0.3: 0; the rest unchanged (20 + 6 + 3.33 + 5 + 1): 22.5 + 4 + 35.33 = 61.83.
        var card = await ScorecardAsync(DepartmentC);
        Assert.Equal(61.83m, card.Total);
        Assert.Equal((0.8m, 4, 5, 22.5m), Of(card.Items.Single(i => i.Indicator == "incident_on_time_rate")));

        ranking = await Host.GetAsync<Scorecards.Ranking>(assessor, $"/api/assessment/rankings?org={Host.County}&period=2026-11");
        Assert.Equal([(1, DepartmentC.ToString(), 61.83m), (2, DepartmentA.ToString(), 56.08m), (2, DepartmentB.ToString(), 56.08m)],
            ranking.Departments.Select(d => (d.Rank, d.DepartmentId, d.Total)).OrderBy(d => d.Rank).ThenBy(d => d.DepartmentId == DepartmentA.ToString() ? 0 : 1));
    }

    private static (decimal?, int, int?, decimal) Of(Scorecards.ScoreItem item) => (item.Value, item.Numerator, item.Denominator, item.Points);

    private static string Points(Scorecards.Scorecard card) =>
        string.Join("; ", card.Items.Select(i => $"{i.Indicator} {i.Value} {i.Numerator}/{i.Denominator} {i.Points} {i.NoRecords}")) + $" = {card.Total}";

    // The facts of a subtree, without the ids and message stamps that differ between copies of the history.
    private Task<string> FactsAsync(string street, Guid department) => Host.QueryAsync(async db =>
    {
        var d = department.ToString();
        var incidents = await db.Incidents.AsNoTracking().Where(f => f.OrgPath.StartsWith(street + "/")).ToListAsync(Ct);
        var returns = await db.Returns.AsNoTracking().Where(f => f.OrgPath.StartsWith(street + "/")).ToListAsync(Ct);
        var disputes = await db.Disputes.AsNoTracking().Where(f => f.OrgPath == street || f.OrgPath.StartsWith(street + "/")).ToListAsync(Ct);
        var alerts = await db.Alerts.AsNoTracking().Where(f => f.OrgPath.StartsWith(street + "/")).ToListAsync(Ct);
        return string.Join("\n",
            incidents.OrderBy(f => f.Number).Select(f =>
                $"{f.Number} {f.OrgPath[street.Length..]} {(f.DepartmentId == d ? "own" : "other")} {f.FirstDispatchedAt:O} {f.Dispatches} {f.ClosedAt:O} {f.OnTime} {f.Reworks} {f.Extensions} {f.Satisfaction} {f.EvaluatedAt:O}")
            .Concat(returns.OrderBy(f => f.Number).Select(f => $"{f.Number} {f.Round} {f.Role} {f.ReturnedAt:O} {(f.DepartmentId == d ? "own" : "other")}"))
            .Concat(disputes.OrderBy(f => f.Number).Select(f =>
                $"{f.Number} {f.OrgPath[street.Length..]} {f.RegisteredAt:O} {f.StartLevel} {f.Level} {f.Outcome} {f.OutcomeLevel} {f.OutcomeAt:O}"))
            .Concat(alerts.OrderBy(f => f.RaisedAt).Select(f => $"{f.DeviceId} {f.RaisedAt:O} {f.AckDeadline:O} {f.AcknowledgedAt:O} {f.Late}")));
    });
}
