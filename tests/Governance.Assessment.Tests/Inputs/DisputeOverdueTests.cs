using System.Net.Http.Json;
using Governance.Assessment.Facts;
using Governance.Assessment.Indicators;
using Governance.Assessment.Letters;
using Governance.Assessment.Scores;
using Governance.Assessment.Tests.Infrastructure;
using Governance.Contracts.Mediation;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Tests.Inputs;

/// <summary>
/// Cases of one street as mediation publishes them, each placing event carrying its level's deadline, with which of them
/// went past a deadline worked out by hand. Times are Beijing time (<see cref="InputHistory.Cst"/>).
/// </summary>
public sealed class DisputeHistory
{
    public Dictionary<string, Guid> Cases { get; } = [];
    public List<object> Events { get; } = [];

    public DisputeHistory(string street, string otherStreet)
    {
        var grid = street + "/001/001";
        static DateTime Cst(int month, int day, int hour, int minute = 0) => InputHistory.Cst(month, day, hour, minute);
        Guid Case(string name) => Cases[name] = Guid.NewGuid();
        DisputeRegistered Registered(string name, string level, DateTime at, DateTime? due, string? org = null) =>
            new(Cases[name], name, "hotline", "neighbour", "ordinary", level, org ?? grid, null, at, due);
        DisputeEscalated Escalated(string name, string from, string to, DateTime at, DateTime due) =>
            new(Cases[name], name, from, to, "deadline", grid, at, null, due);
        DisputeSettled Settled(string name, string level, DateTime at) => new(Cases[name], name, level, false, null, grid, at);

        // D1: settled at the grid before its deadline. Not overdue.
        Case("D1");
        Events.AddRange([Registered("D1", "grid", Cst(10, 1, 9), Cst(10, 4, 9)), Settled("D1", "grid", Cst(10, 3, 9))]);
        // D2: the grid's deadline (5 October 09:00) passed; the scan escalated it a minute later; settled at the community in
        // time. Overdue in October (the grid's deadline).
        Case("D2");
        Events.AddRange([Registered("D2", "grid", Cst(10, 2, 9), Cst(10, 5, 9)), Escalated("D2", "grid", "community", Cst(10, 5, 9, 1), Cst(10, 15, 9, 1)),
            Settled("D2", "community", Cst(10, 10, 9))]);
        // D3: at the county, deadline 20 October, still open. Overdue in October.
        Case("D3");
        Events.Add(Registered("D3", "county", Cst(10, 1, 9), Cst(10, 20, 9)));
        // D4: referred at the community (no new deadline while referred); acknowledged on 12 October, after the community's
        // deadline of 11 October; settled in the new body's time. Overdue in October.
        Case("D4");
        Events.AddRange([Registered("D4", "community", Cst(10, 1, 9), Cst(10, 11, 9)),
            new DisputeReferred(Cases["D4"], "D4", Guid.NewGuid(), "administrative", "labour", grid, Cst(10, 5, 9)),
            new DisputeReferralAcknowledged(Cases["D4"], "D4", Guid.NewGuid(), grid, Cst(10, 12, 9), Cst(10, 27, 9)),
            Settled("D4", "community", Cst(10, 20, 9))]);
        // D5: mediation failed at the community in time (escalated at once to the street, deadline 23 October), withdrawn on
        // 25 October, after it. Overdue in October (the street's deadline).
        Case("D5");
        Events.AddRange([Registered("D5", "community", Cst(10, 1, 9), Cst(10, 11, 9)),
            new DisputeMediationFailed(Cases["D5"], "D5", "community", "litigation", grid, Cst(10, 8, 9), null, Escalated: true),
            Escalated("D5", "community", "street", Cst(10, 8, 9), Cst(10, 23, 9)),
            new DisputeWithdrawn(Cases["D5"], "D5", "street", "no_longer_pursued", grid, Cst(10, 25, 9))]);
        // D6: the grid's deadline of 28 October passed (October's), the community's of 7 November did not (settled on 5 November).
        Case("D6");
        Events.AddRange([Registered("D6", "grid", Cst(10, 25, 9), Cst(10, 28, 9)), Escalated("D6", "grid", "community", Cst(10, 28, 9, 1), Cst(11, 7, 9, 1)),
            Settled("D6", "community", Cst(11, 5, 9))]);
        // D7: deadline 30 October, settled on 2 November: overdue in October, when its deadline fell.
        Case("D7");
        Events.AddRange([Registered("D7", "community", Cst(10, 20, 9), Cst(10, 30, 9)), Settled("D7", "community", Cst(11, 2, 9))]);
        // D8: deadline 16 November, settled on 20 November: November's.
        Case("D8");
        Events.AddRange([Registered("D8", "street", Cst(11, 1, 9), Cst(11, 16, 9)), Settled("D8", "street", Cst(11, 20, 9))]);
        // D9: published before mediation carried deadlines (none): never counted, though still open.
        Case("D9");
        Events.Add(Registered("D9", "community", Cst(10, 1, 9), null));
        // D10: another street's.
        Case("D10");
        Events.Add(Registered("D10", "grid", Cst(10, 3, 9), Cst(10, 6, 9), otherStreet + "/001/001"));
        // D11: open, its deadline still to come (December 2099): not overdue yet.
        Case("D11");
        Events.Add(new DisputeRegistered(Cases["D11"], "D11", "hotline", "neighbour", "ordinary", "county", grid, null,
            new DateTime(2099, 12, 1, 1, 0, 0, DateTimeKind.Utc), new DateTime(2099, 12, 31, 1, 0, 0, DateTimeKind.Utc)));
    }
}

/// <summary>Street A's history in order; street B's copy shuffled, with redeliveries (same message id) and republished copies.</summary>
public sealed class DisputeOverdueFixture : IAsyncLifetime
{
    public AssessmentHost Host { get; private set; } = null!;
    public DisputeHistory A { get; private set; } = null!;
    public DisputeHistory B { get; private set; } = null!;
    public string StreetA => Host.Org("021");
    public string StreetB => Host.Org("023");
    public Guid DepartmentA { get; } = Guid.NewGuid();

    public async ValueTask InitializeAsync()
    {
        Host = await AssessmentHost.StartAsync();
        await Host.AddDepartmentAsync(DepartmentA, "sfj-a", "司法所甲", StreetA);
        A = new DisputeHistory(StreetA, Host.Org("022"));
        B = new DisputeHistory(StreetB, Host.Org("024"));
        var inOrder = A.Events.Select(e => (Event: e, MessageId: Guid.NewGuid())).ToList();
        var copy = B.Events.Select(e => (Event: e, MessageId: Guid.NewGuid())).ToList();
        var shuffled = copy.Concat(copy.Where((_, i) => i % 2 == 0)).Concat(copy.Where((_, i) => i % 3 == 1).Select(e => (e.Event, MessageId: Guid.NewGuid())))
            .ToList();
        var random = new Random(17);
        shuffled = [.. shuffled.OrderBy(_ => random.Next())];
        foreach (var (e, id) in inOrder) await Host.PublishAsync(e, id);
        await Task.WhenAll(shuffled.Select(e => Host.PublishAsync(e.Event, e.MessageId)));
        // DisputeReferred is not consumed (a referral sets no deadline); everything else is logged.
        await Host.WaitForLoggedAsync(inOrder.Concat(shuffled).Where(e => e.Event is not DisputeReferred).Select(e => e.MessageId));
    }

    public HttpClient Assessor() => Host.ClientAs("assessor-county", Host.County, "assessor");

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

public sealed class DisputeOverdueTests(DisputeOverdueFixture fixture) : IClassFixture<DisputeOverdueFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AssessmentHost Host => fixture.Host;

    private async Task<Scorecards.IndicatorRecords> RecordsAsync(string subject, string period)
    {
        using var assessor = fixture.Assessor();
        return await Host.GetAsync<Scorecards.IndicatorRecords>(assessor, $"/api/assessment/records?indicator=dispute_overdue_cases&period={period}&{subject}");
    }

    [Fact]
    public async Task A_case_counts_as_overdue_in_the_month_a_deadline_of_its_passed_before_the_level_was_left_or_while_it_is_open()
    {
        var october = await RecordsAsync($"org={fixture.StreetA}", "2026-10");
        Assert.Equal((6m, 6, (int?)null), (october.Value, october.Numerator, october.Denominator));
        Assert.Equal(["D2", "D3", "D4", "D5", "D6", "D7"], october.NumeratorRecords.Select(r => r.Number));
        Assert.All(october.NumeratorRecords, r => Assert.Equal($"/api/mediation/cases/{fixture.A.Cases[r.Number]}", r.Link));

        var november = await RecordsAsync($"org={fixture.StreetA}", "2026-11");
        Assert.Equal(["D8"], november.NumeratorRecords.Select(r => r.Number));
        // The year counts each case once, though D6's and others' deadlines fall in more than one month.
        var year = await RecordsAsync($"org={fixture.StreetA}", "2026");
        Assert.Equal(7, year.Numerator);
        Assert.Equal(0, (await RecordsAsync($"org={fixture.StreetA}", "2099-12")).Numerator);
        // A department is measured by its org node's subtree.
        Assert.Equal(6, (await RecordsAsync($"department={fixture.DepartmentA}", "2026-10")).Numerator);
    }

    [Fact]
    public async Task A_letter_deducts_per_overdue_case_and_the_shuffled_duplicated_copy_and_a_replay_give_the_same()
    {
        using var assessor = fixture.Assessor();
        using var created = await assessor.PostAsJsonAsync("/api/assessment/letters", new
        {
            departmentId = fixture.DepartmentA.ToString(), year = 2026, note = "司法所 2026",
            items = new object[] { new { indicator = "dispute_overdue_cases", weight = 10, rule = "deduction", perCase = 1 } },
        }, Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        var letter = (await created.Content.ReadFromJsonAsync<LetterBook.LetterView>(Ct))!;
        using (var signed = await assessor.PostAsync($"/api/assessment/letters/{letter.Id}/versions/1/sign", null, Ct))
            Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync(Ct));
        var card = await Host.GetAsync<Scorecards.Scorecard>(assessor, $"/api/assessment/scorecard?department={fixture.DepartmentA}&period=2026-10");
        var item = Assert.Single(card.Items);
        Assert.Equal(("矛盾纠纷超期案件数", 6, 4m), (item.Name, item.Numerator, item.Points)); // 10 − 6 × 1
        Assert.Equal(4m, card.Total);

        async Task<string> FiguresAsync(string street) => string.Join("; ", await Task.WhenAll(new[] { "2026-10", "2026-11", "2026" }.Select(async period =>
            string.Join(",", (await RecordsAsync($"org={street}", period)).NumeratorRecords.Select(r => r.Number)))));
        var inOrder = await FiguresAsync(fixture.StreetA);
        Assert.Equal(inOrder, await FiguresAsync(fixture.StreetB));
        var deadlines = await DeadlinesAsync(fixture.A);
        Assert.Equal(deadlines, await DeadlinesAsync(fixture.B));

        using var admin = Host.ClientAs("admin-county", Host.County, "admin");
        await Publishing.ReplayJobClient.ReplayAsync(Host, admin);

        Assert.Equal(inOrder, await FiguresAsync(fixture.StreetA));
        Assert.Equal(inOrder, await FiguresAsync(fixture.StreetB));
        Assert.Equal(deadlines, await DeadlinesAsync(fixture.A));
        Assert.Equal(deadlines, await DeadlinesAsync(fixture.B));
    }

    [Fact]
    public async Task The_indicator_is_in_the_seeded_library_as_a_count_where_fewer_is_better()
    {
        using var assessor = fixture.Assessor();
        var values = await Host.GetAsync<List<IndicatorValue>>(assessor, $"/api/assessment/indicator-values?org={fixture.StreetA}&period=2026-10");
        var overdue = values.Single(v => v.Code == "dispute_overdue_cases");
        Assert.Equal(("矛盾纠纷超期案件数", "dispute_overdue", "count", "lower", 6m), (overdue.Name, overdue.Measure, overdue.Kind, overdue.Better, overdue.Value));
    }

    // The placements of a copy's cases, named by case rather than by id (the copies' ids differ): one row each, however delivered.
    private Task<string> DeadlinesAsync(DisputeHistory history) => Host.QueryAsync(async db =>
    {
        var names = history.Cases.ToDictionary(c => c.Value, c => c.Key);
        var ids = names.Keys.ToList();
        var rows = await db.Set<DisputeDeadline>().AsNoTracking().Where(d => ids.Contains(d.CaseId)).ToListAsync(Ct);
        return string.Join("\n", rows.Select(d => $"{names[d.CaseId]} {d.PlacedAt:O} {d.DueAt:O}").Order(StringComparer.Ordinal));
    });
}
