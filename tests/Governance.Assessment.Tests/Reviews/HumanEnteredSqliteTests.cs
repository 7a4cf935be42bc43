using System.Net;
using System.Net.Http.Json;
using Governance.Assessment.Inspections;
using Governance.Assessment.Letters;
using Governance.Assessment.Scores;
using Governance.Assessment.Tasks;
using Governance.Assessment.Tests.Infrastructure;
using static Governance.Assessment.Tests.Reviews.Answers;

namespace Governance.Assessment.Tests.Reviews;

/// <summary>The standalone host's engine: tasks and findings score the same on SQLite (decimals are summed in memory there).</summary>
public sealed class HumanEnteredSqliteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_SQLite_an_accepted_task_and_an_upheld_finding_score_as_worked_out_by_hand()
    {
        await using var host = await AssessmentHost.StartAsync(sqlite: true);
        var id = Guid.NewGuid();
        var department = id.ToString();
        await host.AddDepartmentAsync(id, "zjj", "住建局", host.Org("001"));
        using var assessor = host.ClientAs("assessor-county", host.County, "assessor");
        using var inspector = host.ClientAs("inspector-1", host.County, "assessor");
        using var handler = host.ClientAs("handler-zjj", host.Org("001"), "department_handler", department);

        var letter = await OkAsync<LetterBook.LetterView>(await assessor.PostAsJsonAsync("/api/assessment/letters", new
        {
            departmentId = department, year = 2026, items = new[] { new { indicator = "task_completion_rate", weight = 50, rule = "linear", floor = 0, target = 1 } },
        }, Ct), HttpStatusCode.Created);
        await OkAsync<LetterBook.LetterView>(await assessor.PostAsync($"/api/assessment/letters/{letter.Id}/versions/1/sign", null, Ct));
        var task = await OkAsync<TaskBook.TaskView>(await assessor.PostAsJsonAsync("/api/assessment/tasks",
            new { departmentId = department, month = "2026-11", title = "排查出租屋", quantity = 40, unit = "户" }, Ct), HttpStatusCode.Created);
        await OkAsync<TaskBook.TaskView>(await handler.PostAsJsonAsync($"/api/assessment/tasks/{task.Id}/reports", new { quantityDone = 30, evidence = ReviewFixture.Evidence() }, Ct));
        await OkAsync<TaskBook.TaskView>(await assessor.PostAsJsonAsync($"/api/assessment/tasks/{task.Id}/reports/1/review", new { decision = "accept" }, Ct));
        var finding = await OkAsync<FindingBook.FindingView>(await inspector.PostAsJsonAsync("/api/assessment/findings",
            new { departmentId = department, month = "2026-11", points = 2.5m, reason = "台账不全", evidence = ReviewFixture.Evidence() }, Ct), HttpStatusCode.Created);
        await OkAsync<FindingBook.FindingView>(await handler.PostAsJsonAsync($"/api/assessment/findings/{finding.Id}/contest", new { reason = "已补齐" }, Ct));
        await RuleAsync(await handler.PostAsJsonAsync($"/api/assessment/findings/{finding.Id}/contest", new { reason = "再次申诉" }, Ct), "FindingContestedOnce");
        await OkAsync<FindingBook.FindingView>(await assessor.PostAsJsonAsync($"/api/assessment/findings/{finding.Id}/decision", new { decision = "uphold", comment = "补齐在督查之后" }, Ct));

        // 30 of 40 = 0.75 of 50 points = 37.5, less 2.5 = 35.
        var card = await OkAsync<Scorecards.Scorecard>(await handler.GetAsync($"/api/assessment/scorecard?department={department}&period=2026-11", Ct));
        Assert.Equal((0.75m, 37.5m, 2.5m, 35m), (card.Items[0].Value, card.Items[0].Points, card.Deducted, card.Total));
        Assert.Equal([finding.Id], card.Deductions!.Select(d => d.FindingId));
    }
}
