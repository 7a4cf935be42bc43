using System.Net;
using System.Net.Http.Json;
using Governance.Assessment.Scores;
using Governance.Assessment.Tasks;
using static Governance.Assessment.Tests.Reviews.Answers;

namespace Governance.Assessment.Tests.Reviews;

public sealed class TaskTests(ReviewFixture fixture) : IClassFixture<ReviewFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Monthly_tasks_are_reported_with_evidence_reviewed_and_score_the_share_done()
    {
        var department = fixture.Tasks.ToString();
        using var assessor = fixture.Assessor();
        using var handler = fixture.Handler(fixture.Tasks);
        var rentals = await OkAsync<TaskBook.TaskView>(await assessor.PostAsJsonAsync("/api/assessment/tasks",
            new { departmentId = department, month = "2026-11", title = "排查出租屋", quantity = 40, unit = "户" }, Ct), HttpStatusCode.Created);
        var visits = await OkAsync<TaskBook.TaskView>(await assessor.PostAsJsonAsync("/api/assessment/tasks",
            new { departmentId = department, month = "2026-11", title = "走访重点人员", quantity = 10, unit = "人" }, Ct), HttpStatusCode.Created);
        Assert.Equal(("open", 0), (rentals.State, rentals.Done));

        // More done than allocated is reported as done, and counts as the task's own quantity.
        var reported = await OkAsync<TaskBook.TaskView>(await handler.PostAsJsonAsync($"/api/assessment/tasks/{rentals.Id}/reports",
            new { quantityDone = 45, note = "超额完成", evidence = ReviewFixture.Evidence("出租屋排查台账.xlsx") }, Ct));
        Assert.Equal("pending", reported.State);
        await RuleAsync(await handler.PostAsJsonAsync($"/api/assessment/tasks/{rentals.Id}/reports", new { quantityDone = 46, evidence = ReviewFixture.Evidence() }, Ct),
            "TaskReportPending");
        var accepted = await OkAsync<TaskBook.TaskView>(await assessor.PostAsJsonAsync($"/api/assessment/tasks/{rentals.Id}/reports/1/review", new { decision = "accept" }, Ct));
        Assert.Equal(("accepted", 45), (accepted.State, accepted.Done));
        await RuleAsync(await handler.PostAsJsonAsync($"/api/assessment/tasks/{rentals.Id}/reports", new { quantityDone = 50, evidence = ReviewFixture.Evidence() }, Ct),
            "TaskReportAccepted");

        await OkAsync<TaskBook.TaskView>(await handler.PostAsJsonAsync($"/api/assessment/tasks/{visits.Id}/reports", new { quantityDone = 10, evidence = ReviewFixture.Evidence() }, Ct));
        var rejected = await OkAsync<TaskBook.TaskView>(await assessor.PostAsJsonAsync($"/api/assessment/tasks/{visits.Id}/reports/1/review",
            new { decision = "reject", comment = "走访记录只有5份" }, Ct));
        Assert.Equal(("open", 0), (rejected.State, rejected.Done));
        await RuleAsync(await assessor.PostAsJsonAsync($"/api/assessment/tasks/{visits.Id}/reports/1/review", new { decision = "accept" }, Ct), "TaskReportReviewed");
        await OkAsync<TaskBook.TaskView>(await handler.PostAsJsonAsync($"/api/assessment/tasks/{visits.Id}/reports", new { quantityDone = 5, evidence = ReviewFixture.Evidence() }, Ct));
        await OkAsync<TaskBook.TaskView>(await assessor.PostAsJsonAsync($"/api/assessment/tasks/{visits.Id}/reports/2/review", new { decision = "accept" }, Ct));

        // (40 + 5) of 50 = 0.9, linear from 0.6 to 1 for 30 points: 30 × 0.3 / 0.4 = 22.5.
        var card = await OkAsync<Scorecards.Scorecard>(await handler.GetAsync($"/api/assessment/scorecard?department={department}&period=2026-11", Ct));
        var item = card.Items.Single(i => i.Indicator == "task_completion_rate");
        Assert.Equal((0.9m, 45, (int?)50, 22.5m), (item.Value, item.Numerator, item.Denominator, item.Points));
        var records = await OkAsync<Scorecards.IndicatorRecords>(await handler.GetAsync(item.Records, Ct));
        Assert.Equal(new[] { rentals.Id, visits.Id }.Select(i => i.ToString()).Order(), records.DenominatorRecords!.Select(r => r.Id).Order());
        var read = await OkAsync<TaskBook.TaskView>(await handler.GetAsync(records.NumeratorRecords.Single(r => r.Id == visits.Id.ToString()).Link, Ct));
        Assert.Equal(new (string, string?)[] { ("rejected", "走访记录只有5份"), ("accepted", "") }, read.Reports.Select(r => (r.State, r.ReviewComment)));
    }

    [Fact]
    public async Task Allocating_reporting_and_reviewing_are_scoped_and_bad_input_names_the_field()
    {
        var department = fixture.Elsewhere.ToString();
        using var streetAssessor = fixture.Host.ClientAs("assessor-001", fixture.Host.Org("001"), "assessor");
        var allocation = new { departmentId = department, month = "2026-12", title = "消防检查", quantity = 12, unit = "家" };
        await ForbiddenAsync(await streetAssessor.PostAsJsonAsync("/api/assessment/tasks", allocation, Ct));
        using var handler = fixture.Host.ClientAs("handler-wjw", fixture.Host.Org("002"), "department_handler", department);
        await ForbiddenAsync(await handler.PostAsJsonAsync("/api/assessment/tasks", allocation, Ct));

        using var assessor = fixture.Assessor();
        await FieldAsync(await assessor.PostAsJsonAsync("/api/assessment/tasks", allocation with { month = "2026-Q4" }, Ct), "month");
        await FieldAsync(await assessor.PostAsJsonAsync("/api/assessment/tasks", allocation with { quantity = 0 }, Ct), "quantity");
        await FieldAsync(await assessor.PostAsJsonAsync("/api/assessment/tasks", allocation with { title = " " }, Ct), "title");
        await FieldAsync(await assessor.PostAsJsonAsync("/api/assessment/tasks", allocation with { unit = "" }, Ct), "unit");
        var task = await OkAsync<TaskBook.TaskView>(await assessor.PostAsJsonAsync("/api/assessment/tasks", allocation, Ct), HttpStatusCode.Created);

        using (var otherHandler = fixture.Handler(fixture.Tasks))
            await ForbiddenAsync(await otherHandler.PostAsJsonAsync($"/api/assessment/tasks/{task.Id}/reports", new { quantityDone = 3, evidence = ReviewFixture.Evidence() }, Ct));
        await FieldAsync(await handler.PostAsJsonAsync($"/api/assessment/tasks/{task.Id}/reports", new { quantityDone = -1, evidence = ReviewFixture.Evidence() }, Ct), "quantityDone");
        await FieldAsync(await handler.PostAsJsonAsync($"/api/assessment/tasks/{task.Id}/reports", new { quantityDone = 3 }, Ct), "evidence");
        await OkAsync<TaskBook.TaskView>(await handler.PostAsJsonAsync($"/api/assessment/tasks/{task.Id}/reports", new { quantityDone = 12, evidence = ReviewFixture.Evidence() }, Ct));
        await ForbiddenAsync(await streetAssessor.PostAsJsonAsync($"/api/assessment/tasks/{task.Id}/reports/1/review", new { decision = "accept" }, Ct));
        await ForbiddenAsync(await handler.PostAsJsonAsync($"/api/assessment/tasks/{task.Id}/reports/1/review", new { decision = "accept" }, Ct));
        using var missing = await assessor.PostAsJsonAsync($"/api/assessment/tasks/{task.Id}/reports/9/review", new { decision = "accept" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var listed = await OkAsync<List<TaskBook.TaskView>>(await handler.GetAsync($"/api/assessment/tasks?department={department}&period=2026-Q4", Ct));
        Assert.Equal([("pending", 12)], listed.Select(t => (t.State, t.Reports.Single().QuantityDone)));
        await ForbiddenAsync(await streetAssessor.GetAsync($"/api/assessment/tasks/{task.Id}", Ct));
    }
}
