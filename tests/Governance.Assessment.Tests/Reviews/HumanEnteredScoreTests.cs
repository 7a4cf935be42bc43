using System.Net;
using System.Net.Http.Json;
using Governance.Assessment.Inspections;
using Governance.Assessment.Manual;
using Governance.Assessment.Scores;
using Governance.Assessment.Tasks;
using static Governance.Assessment.Tests.Reviews.Answers;

namespace Governance.Assessment.Tests.Reviews;

/// <summary>One department's October and November entered, reviewed and contested; its scores worked out by hand.</summary>
public sealed class HumanEnteredScoreTests(ReviewFixture fixture) : IClassFixture<ReviewFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accepted_values_tasks_and_findings_score_as_worked_out_by_hand_by_month_and_quarter_and_a_replay_leaves_them()
    {
        var department = fixture.Scored.ToString();
        using var assessor = fixture.Assessor();
        using var inspector = fixture.Assessor("inspector-1");
        using var handler = fixture.Handler(fixture.Scored);

        async Task<Guid> ValueAsync(string indicator, string period, decimal value, string decision)
        {
            var v = await OkAsync<ManualValueBook.ManualValueView>(await handler.PostAsJsonAsync("/api/assessment/manual-values",
                new { departmentId = department, indicator, period, value, evidence = ReviewFixture.Evidence() }, Ct), HttpStatusCode.Created);
            await OkAsync<ManualValueBook.ManualValueView>(await assessor.PostAsJsonAsync($"/api/assessment/manual-values/{v.Id}/review", new { decision, comment = "审核" }, Ct));
            return v.Id;
        }
        async Task<Guid> TaskAsync(string month, int quantity, params (int Done, string Decision)[] reports)
        {
            var t = await OkAsync<TaskBook.TaskView>(await assessor.PostAsJsonAsync("/api/assessment/tasks",
                new { departmentId = department, month, title = "任务", quantity, unit = "户" }, Ct), HttpStatusCode.Created);
            for (var i = 0; i < reports.Length; i++)
            {
                await OkAsync<TaskBook.TaskView>(await handler.PostAsJsonAsync($"/api/assessment/tasks/{t.Id}/reports", new { quantityDone = reports[i].Done, evidence = ReviewFixture.Evidence() }, Ct));
                await OkAsync<TaskBook.TaskView>(await assessor.PostAsJsonAsync($"/api/assessment/tasks/{t.Id}/reports/{i + 1}/review", new { decision = reports[i].Decision, comment = "审核" }, Ct));
            }
            return t.Id;
        }
        async Task<Guid> FindingAsync(string month, decimal points, string? decision)
        {
            var f = await OkAsync<FindingBook.FindingView>(await inspector.PostAsJsonAsync("/api/assessment/findings",
                new { departmentId = department, month, points, reason = "督查发现问题", evidence = ReviewFixture.Evidence() }, Ct), HttpStatusCode.Created);
            if (decision is null) return f.Id;
            await OkAsync<FindingBook.FindingView>(await handler.PostAsJsonAsync($"/api/assessment/findings/{f.Id}/contest", new { reason = "申诉" }, Ct));
            await OkAsync<FindingBook.FindingView>(await assessor.PostAsJsonAsync($"/api/assessment/findings/{f.Id}/decision", new { decision, comment = "复核" }, Ct));
            return f.Id;
        }

        // Publicity: November 0.6 rejected, then 0.7 accepted. Training sessions: 2 in October, 2 in November, both accepted.
        await ValueAsync("publicity_coverage", "2026-11", 0.6m, "reject");
        await ValueAsync("publicity_coverage", "2026-11", 0.7m, "accept");
        await ValueAsync("training_sessions", "2026-10", 2, "accept");
        await ValueAsync("training_sessions", "2026-11", 2, "accept");
        // Tasks: November 40 (45 done, accepted) and 10 (10 rejected, then 5 accepted); October 20 (nothing reported).
        await TaskAsync("2026-11", 40, (45, "accept"));
        await TaskAsync("2026-11", 10, (10, "reject"), (5, "accept"));
        await TaskAsync("2026-10", 20);
        // Findings: November 2 (standing), 1.5 (withdrawn), 3 (upheld); October 1 (standing).
        var standing = await FindingAsync("2026-11", 2m, null);
        await FindingAsync("2026-11", 1.5m, "withdraw");
        var upheld = await FindingAsync("2026-11", 3m, "uphold");
        var october = await FindingAsync("2026-10", 1m, null);

        // November: publicity 20 × (0.7 − 0.5) / 0.5 = 8; training 2 < 3: 0; tasks (40 + 5) / 50 = 0.9: 30 × 0.3 / 0.4 = 22.5;
        // incidents none: 40. 70.5 less 2 and 3 = 65.5.
        var november = await OkAsync<Scorecards.Scorecard>(await assessor.GetAsync($"/api/assessment/scorecard?department={department}&period=2026-11", Ct));
        Assert.Equal([8m, 0m, 22.5m, 40m], november.Items.Select(i => i.Points));
        Assert.Equal((5m, 65.5m), (november.Deducted, november.Total));
        Assert.Equal([standing, upheld], november.Deductions!.Select(d => d.FindingId));

        // The fourth quarter: publicity still 0.7: 8; training 2 + 2 = 4 ≥ 3: 10; tasks 45 of 70 = 0.6429: 30 × 0.0429 / 0.4 = 3.2175,
        // 3.22; incidents 40. 61.22 less 2, 3 and October's 1 = 55.22.
        var quarter = await OkAsync<Scorecards.Scorecard>(await assessor.GetAsync($"/api/assessment/scorecard?department={department}&period=2026-Q4", Ct));
        Assert.Equal([8m, 10m, 3.22m, 40m], quarter.Items.Select(i => i.Points));
        Assert.Equal((4m, (int?)null), (quarter.Items[1].Value, quarter.Items[1].Denominator));
        Assert.Equal((0.6429m, 45, (int?)70), (quarter.Items[2].Value, quarter.Items[2].Numerator, quarter.Items[2].Denominator));
        Assert.Equal((6m, 55.22m), (quarter.Deducted, quarter.Total));
        Assert.Contains(quarter.Deductions!, d => d.FindingId == october);

        // The ranking of the street shows the same total.
        var ranking = await OkAsync<Scorecards.Ranking>(await assessor.GetAsync($"/api/assessment/rankings?org={fixture.Host.Org("001")}&period=2026-11", Ct));
        Assert.Equal(65.5m, ranking.Departments.Single(d => d.DepartmentId == department).Total);

        // What people enter are commands, not events: a replay rebuilds the facts from the event log and leaves them as they are.
        using var admin = fixture.Host.ClientAs("admin-county", fixture.Host.County, "admin");
        using (var replay = await admin.PostAsync("/api/assessment/replay", null, Ct)) Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(65.5m, (await OkAsync<Scorecards.Scorecard>(await assessor.GetAsync($"/api/assessment/scorecard?department={department}&period=2026-11", Ct))).Total);
        Assert.Equal(55.22m, (await OkAsync<Scorecards.Scorecard>(await assessor.GetAsync($"/api/assessment/scorecard?department={department}&period=2026-Q4", Ct))).Total);
    }
}
