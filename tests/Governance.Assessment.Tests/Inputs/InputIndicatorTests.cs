using System.Net.Http.Json;
using Governance.Assessment.Indicators;
using Governance.Assessment.Inputs;
using Governance.Assessment.Scores;
using Governance.Assessment.Tests.Infrastructure;
using Governance.Contracts.Grid;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Tests.Inputs;

/// <summary>
/// One host fed <see cref="InputHistory"/> twice: for street A in the order it happened, for street B shuffled with
/// redeliveries and republished copies. Every step but the ones that make a report invalid is published too, and must
/// be dropped unlogged.
/// </summary>
public sealed class InputFixture : IAsyncLifetime
{
    public AssessmentHost Host { get; private set; } = null!;
    public InputHistory A { get; private set; } = null!;
    public InputHistory B { get; private set; } = null!;
    public string StreetA => Host.Org("011");
    public string StreetB => Host.Org("013");
    public Guid DepartmentA { get; } = Guid.NewGuid();

    public async ValueTask InitializeAsync()
    {
        Host = await AssessmentHost.StartAsync();
        await Host.AddDepartmentAsync(DepartmentA, "wgb-a", "网格办甲", StreetA);
        A = new InputHistory(StreetA, Host.Org("012"));
        B = new InputHistory(StreetB, Host.Org("014"));
        var inOrder = A.Events.Select(e => (Event: e, MessageId: Guid.NewGuid())).ToList();
        var copy = B.Events.Select(e => (Event: e, MessageId: Guid.NewGuid())).ToList();
        var shuffled = copy.Concat(copy.Where((_, i) => i % 3 == 0)).Concat(copy.Where((_, i) => i % 4 == 1).Select(e => (e.Event, MessageId: Guid.NewGuid())))
            .ToList();
        var random = new Random(16);
        shuffled = [.. shuffled.OrderBy(_ => random.Next())];
        foreach (var (e, id) in inOrder) await Host.PublishAsync(e, id);
        await Task.WhenAll(shuffled.Select(e => Host.PublishAsync(e.Event, e.MessageId)));
        Logged = [.. inOrder.Concat(shuffled).Where(e => e.Event is not IncidentTransitioned t || InputFolder.Invalidates(t)).Select(e => e.MessageId).Distinct()];
        NotLogged = [.. inOrder.Concat(shuffled).Where(e => e.Event is IncidentTransitioned t && !InputFolder.Invalidates(t)).Select(e => e.MessageId).Distinct()];
        await Host.WaitForLoggedAsync(Logged);
    }

    public IReadOnlyList<Guid> Logged { get; private set; } = [];
    public IReadOnlyList<Guid> NotLogged { get; private set; } = [];

    public HttpClient Assessor() => Host.ClientAs("assessor-county", Host.County, "assessor");

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

public sealed class InputIndicatorTests(InputFixture fixture) : IClassFixture<InputFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AssessmentHost Host => fixture.Host;

    private async Task<Scorecards.IndicatorRecords> RecordsAsync(string indicator, string subject, string period = "2026-10")
    {
        using var assessor = fixture.Assessor();
        return await Host.GetAsync<Scorecards.IndicatorRecords>(assessor, $"/api/assessment/records?indicator={indicator}&period={period}&{subject}");
    }

    [Fact]
    public async Task Grid_workers_valid_reports_per_day_count_registered_reports_of_the_subtrees_workers_over_workers_times_days()
    {
        // Workers W1, W2, W4 (3) × 31 days = 93; valid reports of theirs in October: R1, R4, R5, R9 = 4; 4 / 93 = 0.0430.
        var r = await RecordsAsync("grid_worker_daily_valid_reports", $"org={fixture.StreetA}");
        Assert.Equal((0.0430m, 4, (int?)93), (r.Value, r.Numerator, r.Denominator));
        Assert.Equal(["R1", "R4", "R5", "R9"], r.NumeratorRecords.Select(x => x.Number));
        Assert.All(r.NumeratorRecords, x => Assert.Equal($"/api/grid/incidents/{x.Id}", x.Link));
        var a = fixture.A;
        Assert.Equal(new[] { a.W1, a.W2, a.W4 }.Order(StringComparer.Ordinal), r.DenominatorRecords!.Select(x => x.Id));
        Assert.Equal("100000000000001,100000000000002", r.DenominatorRecords!.Single(x => x.Id == a.W2).Number);

        // A department is measured by its org node's subtree; the whole county holds street B's copy too.
        var own = await RecordsAsync("grid_worker_daily_valid_reports", $"department={fixture.DepartmentA}");
        Assert.Equal((r.Value, r.Numerator, r.Denominator), (own.Value, own.Numerator, own.Denominator));
        var county = await RecordsAsync("grid_worker_daily_valid_reports", $"org={Host.County}");
        // Both copies: W1, W2, W4 and W5 (the other street's) are 8 workers × 31 days; valid reports R1, R4, R5, R9 and R11
        // (W1's in the other street, which the county holds) are 10.
        Assert.Equal((8 * 31, 10), (county.Denominator, county.Numerator));
        // A month still to come has no day to count yet.
        var future = await RecordsAsync("grid_worker_daily_valid_reports", $"org={fixture.StreetA}", "2100-01");
        Assert.Equal(((decimal?)null, 0, (int?)0), (future.Value, future.Numerator, future.Denominator));
        // Steps other than rejecting or merging away are not kept.
        Assert.Equal(0, await Host.LoggedAsync([.. fixture.NotLogged]));
    }

    [Fact]
    public async Task Camera_online_rate_samples_each_cameras_status_at_noon_each_day_and_the_networking_rate_counts_cameras_ever_heard_from()
    {
        // C1 31/31, C2 28/31, C3 0/11, C4 30/30, C7 30/31, C8 15/15 (retired 16 October before noon: the 17 later
        // days are in neither count): 134 of 149 camera-days = 0.8993.
        var online = await RecordsAsync("camera_online_rate", $"org={fixture.StreetA}");
        Assert.Equal((0.8993m, 134, (int?)149), (online.Value, online.Numerator, online.Denominator));
        var c = fixture.A.Cameras;
        Assert.Equal(new[] { $"{c["C1"]} 31/31", $"{c["C2"]} 28/31", $"{c["C3"]} 0/11", $"{c["C4"]} 30/30", $"{c["C7"]} 30/31", $"{c["C8"]} 15/15" }
            .Order(StringComparer.Ordinal),
            online.DenominatorRecords!.Select(x => x.Number));
        Assert.DoesNotContain(online.NumeratorRecords, x => x.Id == c["C3"]);
        Assert.Equal($"/api/videoalert/cameras/{c["C2"]}", online.DenominatorRecords!.Single(x => x.Id == c["C2"]).Link);

        // Networked by the end of October: C1, C2, C4, C7 of C1, C2, C3, C4, C7 (C8 was retired by then).
        var networked = await RecordsAsync("camera_networking_rate", $"org={fixture.StreetA}");
        Assert.Equal((0.8m, 4, (int?)5), (networked.Value, networked.Numerator, networked.Denominator));
        Assert.Equal(new[] { c["C1"], c["C2"], c["C4"], c["C7"] }.Order(StringComparer.Ordinal), networked.NumeratorRecords.Select(x => x.Id));
        // November counts C6 too, heard from on 2 November.
        var november = await RecordsAsync("camera_networking_rate", $"org={fixture.StreetA}", "2026-11");
        Assert.Equal((5, 6), (november.Numerator, november.Denominator));
        // September, before C8 was retired, counts it: C1, C2, C7, C8, all heard from.
        var september = await RecordsAsync("camera_networking_rate", $"org={fixture.StreetA}", "2026-09");
        Assert.Equal((4, 4), (september.Numerator, september.Denominator));
        Assert.Contains(september.DenominatorRecords!, x => x.Id == c["C8"]);
    }

    [Fact]
    public async Task The_history_shuffled_with_redeliveries_and_copies_and_a_replay_give_the_same_figures()
    {
        string[] codes = ["grid_worker_daily_valid_reports", "camera_online_rate", "camera_networking_rate"];
        async Task<string> FiguresAsync(string street) => string.Join("; ", await Task.WhenAll(codes.Select(async code =>
        {
            var r = await RecordsAsync(code, $"org={street}");
            return $"{code} {r.Value} {r.Numerator}/{r.Denominator} {r.NumeratorRecords.Count}/{r.DenominatorRecords?.Count}";
        })));
        var inOrder = await FiguresAsync(fixture.StreetA);
        Assert.Equal(inOrder, await FiguresAsync(fixture.StreetB));
        var facts = await FactsAsync(fixture.StreetA, fixture.A);
        Assert.Equal(facts, await FactsAsync(fixture.StreetB, fixture.B));

        using var admin = Host.ClientAs("admin-county", Host.County, "admin");
        // The replay is a job (202): the figures are read after it ended, not while it runs.
        await Publishing.ReplayJobClient.ReplayAsync(Host, admin);

        Assert.Equal(inOrder, await FiguresAsync(fixture.StreetA));
        Assert.Equal(inOrder, await FiguresAsync(fixture.StreetB));
        Assert.Equal(facts, await FactsAsync(fixture.StreetA, fixture.A));
        Assert.Equal(facts, await FactsAsync(fixture.StreetB, fixture.B));
    }

    [Fact]
    public async Task The_new_indicators_are_in_the_seeded_library_with_their_chinese_names()
    {
        using var assessor = fixture.Assessor();
        var values = await Host.GetAsync<List<IndicatorValue>>(assessor, $"/api/assessment/indicator-values?org={fixture.StreetA}&period=2026-10");
        var names = values.ToDictionary(v => v.Code, v => (v.Name, v.Kind));
        Assert.Equal(("网格员日均有效上报数", "average"), names["grid_worker_daily_valid_reports"]);
        Assert.Equal(("摄像机在线率", "rate"), names["camera_online_rate"]);
        Assert.Equal(("摄像机联网率", "rate"), names["camera_networking_rate"]);
        Assert.Equal(("关爱对象按时走访率", "rate"), names["care_visit_on_time_rate"]);
        // A letter may aim at more than one valid report a day (an average, not a rate).
        using var letter = await fixture.Host.ClientAs("assessor-county", Host.County, "assessor").PostAsJsonAsync("/api/assessment/letters", new
        {
            departmentId = fixture.DepartmentA.ToString(), year = 2026, note = "网格办 2026",
            items = new object[] { new { indicator = "grid_worker_daily_valid_reports", weight = 20, rule = "linear", floor = 0.5, target = 2 } },
        }, Ct);
        Assert.True(letter.IsSuccessStatusCode, await letter.Content.ReadAsStringAsync(Ct));
    }

    // The facts of a street, without the ids that differ between the two copies of the history.
    private Task<string> FactsAsync(string street, InputHistory history) => Host.QueryAsync(async db =>
    {
        var reports = await db.Set<ReportFact>().AsNoTracking().Where(f => f.OrgPath.StartsWith(street + "/")).ToListAsync(Ct);
        var staffing = await db.Set<StaffingChange>().AsNoTracking().Where(f => f.OrgPath.StartsWith(street + "/")).ToListAsync(Ct);
        var cameras = await db.Set<CameraFact>().AsNoTracking().Where(f => f.OrgPath.StartsWith(street + "/")).ToListAsync(Ct);
        var devices = cameras.Select(c => c.DeviceId).ToList();
        var status = await db.Set<CameraStatusChange>().AsNoTracking().Where(s => devices.Contains(s.DeviceId)).ToListAsync(Ct);
        var users = new[] { history.W1, history.W2, history.W3, history.W4, history.W5, history.Leader }.Select((u, i) => (u, i)).ToDictionary(x => x.u, x => $"u{x.i}");
        var names = history.Cameras.ToDictionary(c => c.Value, c => c.Key);
        return string.Join("\n",
            reports.OrderBy(f => f.Number).Select(f =>
                $"{f.Number} {f.OrgPath[street.Length..]} {f.ReportedAt:O} {f.Source} {(f.ReportedBy is { } by ? users[by] : "-")} {f.RegisteredAt:O} {f.RejectedAt:O} {f.MergedAt:O}")
            .Concat(staffing.Select(f => $"{f.GridCode} {f.Post} {users[f.UserId]} {f.Change} {f.At:O}").Order(StringComparer.Ordinal))
            .Concat(cameras.Select(f => $"{names[f.DeviceId]} {f.OrgPath[street.Length..]} {f.KnownSince:O} {f.FirstOnlineAt:O} {f.RetiredAt:O}").Order(StringComparer.Ordinal))
            .Concat(status.Select(s => $"{names[s.DeviceId]} {s.At:O} {s.Online}").Order(StringComparer.Ordinal)));
    });
}
