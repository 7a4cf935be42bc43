using System.Net;
using System.Net.Http.Json;
using Governance.Assessment.Inspections;
using Governance.Assessment.Scores;
using static Governance.Assessment.Tests.Reviews.Answers;

namespace Governance.Assessment.Tests.Reviews;

public sealed class FindingTests(ReviewFixture fixture) : IClassFixture<ReviewFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<FindingBook.FindingView> RecordAsync(HttpClient inspector, Guid department, string month, decimal points, string reason) =>
        await OkAsync<FindingBook.FindingView>(await inspector.PostAsJsonAsync("/api/assessment/findings",
            new { departmentId = department.ToString(), month, points, reason, evidence = ReviewFixture.Evidence("暗访照片") }, Ct), HttpStatusCode.Created);

    [Fact]
    public async Task A_finding_is_contested_once_decided_by_another_reviewer_and_a_withdrawn_one_deducts_nothing()
    {
        using var inspector = fixture.Assessor("inspector-1");
        using var reviewer = fixture.Assessor("reviewer-1");
        using var handler = fixture.Handler(fixture.Inspected);
        var unstaffed = await RecordAsync(inspector, fixture.Inspected, "2026-11", 2m, "窗口无人值守");
        var noLedger = await RecordAsync(inspector, fixture.Inspected, "2026-11", 1.5m, "未建立排查台账");
        var lateReply = await RecordAsync(inspector, fixture.Inspected, "2026-11", 3m, "群众诉求超期未回复");
        Assert.Equal("standing", unstaffed.State);

        var contested = await OkAsync<FindingBook.FindingView>(await handler.PostAsJsonAsync($"/api/assessment/findings/{noLedger.Id}/contest", new { reason = "台账已建立，见附件" }, Ct));
        Assert.Equal(("contested", "台账已建立，见附件"), (contested.State, contested.ContestReason));
        await RuleAsync(await handler.PostAsJsonAsync($"/api/assessment/findings/{noLedger.Id}/contest", new { reason = "再次申诉" }, Ct), "FindingContestedOnce");
        await OkAsync<FindingBook.FindingView>(await handler.PostAsJsonAsync($"/api/assessment/findings/{lateReply.Id}/contest", new { reason = "已电话回复" }, Ct));

        // The inspector does not judge their own finding; an uncontested finding is not decided; the department does not decide.
        await RuleAsync(await inspector.PostAsJsonAsync($"/api/assessment/findings/{noLedger.Id}/decision", new { decision = "withdraw", comment = "核实" }, Ct),
            "InspectorDoesNotDecide");
        await RuleAsync(await reviewer.PostAsJsonAsync($"/api/assessment/findings/{unstaffed.Id}/decision", new { decision = "withdraw", comment = "核实" }, Ct),
            "FindingNotContested");
        await ForbiddenAsync(await handler.PostAsJsonAsync($"/api/assessment/findings/{noLedger.Id}/decision", new { decision = "withdraw", comment = "核实" }, Ct));
        await FieldAsync(await reviewer.PostAsJsonAsync($"/api/assessment/findings/{noLedger.Id}/decision", new { decision = "withdraw" }, Ct), "comment");
        await FieldAsync(await reviewer.PostAsJsonAsync($"/api/assessment/findings/{noLedger.Id}/decision", new { decision = "forget", comment = "x" }, Ct), "decision");
        var withdrawn = await OkAsync<FindingBook.FindingView>(await reviewer.PostAsJsonAsync($"/api/assessment/findings/{noLedger.Id}/decision",
            new { decision = "withdraw", comment = "台账属实" }, Ct));
        Assert.Equal(("withdrawn", "reviewer-1"), (withdrawn.State, withdrawn.DecidedBy));
        await OkAsync<FindingBook.FindingView>(await reviewer.PostAsJsonAsync($"/api/assessment/findings/{lateReply.Id}/decision", new { decision = "uphold", comment = "无通话记录" }, Ct));
        await RuleAsync(await reviewer.PostAsJsonAsync($"/api/assessment/findings/{lateReply.Id}/decision", new { decision = "withdraw", comment = "改判" }, Ct), "FindingNotContested");
        // Once decided, still contested once only.
        await RuleAsync(await handler.PostAsJsonAsync($"/api/assessment/findings/{lateReply.Id}/contest", new { reason = "不服" }, Ct), "FindingContestedOnce");

        // 100 (nothing entered: the rates with nothing to count earn their weight; manual items earn nothing: 70) less 2 and 3, not 1.5.
        var card = await OkAsync<Scorecards.Scorecard>(await handler.GetAsync($"/api/assessment/scorecard?department={fixture.Inspected}&period=2026-11", Ct));
        Assert.Equal((70m, 5m, 65m), (card.Items.Sum(i => i.Points), card.Deducted, card.Total));
        Assert.Equal([(unstaffed.Id, 2m, "standing"), (lateReply.Id, 3m, "upheld")], card.Deductions!.Select(d => (d.FindingId, d.Points, d.State)));
        var opened = await OkAsync<FindingBook.FindingView>(await handler.GetAsync(card.Deductions![1].Link, Ct));
        Assert.Equal(("已电话回复", "无通话记录"), (opened.ContestReason, opened.DecisionComment));
        var listed = await OkAsync<List<FindingBook.FindingView>>(await handler.GetAsync($"/api/assessment/findings?department={fixture.Inspected}&period=2026&state=withdrawn", Ct));
        Assert.Equal([noLedger.Id], listed.Select(f => f.Id));
    }

    [Fact]
    public async Task Recording_contesting_and_deciding_are_scoped_and_bad_input_names_the_field()
    {
        var department = fixture.Elsewhere.ToString();
        var finding = new { departmentId = department, month = "2026-12", points = 1m, reason = "值班脱岗", evidence = ReviewFixture.Evidence() };
        using var streetAssessor = fixture.Host.ClientAs("assessor-001", fixture.Host.Org("001"), "assessor");
        using var handler = fixture.Host.ClientAs("handler-wjw", fixture.Host.Org("002"), "department_handler", department);
        await ForbiddenAsync(await streetAssessor.PostAsJsonAsync("/api/assessment/findings", finding, Ct));
        await ForbiddenAsync(await handler.PostAsJsonAsync("/api/assessment/findings", finding, Ct));

        using var inspector = fixture.Assessor("inspector-2");
        await FieldAsync(await inspector.PostAsJsonAsync("/api/assessment/findings", finding with { points = 0m }, Ct), "points");
        await FieldAsync(await inspector.PostAsJsonAsync("/api/assessment/findings", finding with { points = 1.555m }, Ct), "points");
        await FieldAsync(await inspector.PostAsJsonAsync("/api/assessment/findings", finding with { month = "2026" }, Ct), "month");
        await FieldAsync(await inspector.PostAsJsonAsync("/api/assessment/findings", finding with { reason = "" }, Ct), "reason");
        await FieldAsync(await inspector.PostAsJsonAsync("/api/assessment/findings", new { finding.departmentId, finding.month, finding.points, finding.reason }, Ct), "evidence");
        var recorded = await OkAsync<FindingBook.FindingView>(await inspector.PostAsJsonAsync("/api/assessment/findings", finding, Ct), HttpStatusCode.Created);

        using (var otherHandler = fixture.Handler(fixture.Inspected))
            await ForbiddenAsync(await otherHandler.PostAsJsonAsync($"/api/assessment/findings/{recorded.Id}/contest", new { reason = "不是我们" }, Ct));
        await FieldAsync(await handler.PostAsJsonAsync($"/api/assessment/findings/{recorded.Id}/contest", new { reason = " " }, Ct), "reason");
        await OkAsync<FindingBook.FindingView>(await handler.PostAsJsonAsync($"/api/assessment/findings/{recorded.Id}/contest", new { reason = "当日轮休" }, Ct));
        await ForbiddenAsync(await streetAssessor.PostAsJsonAsync($"/api/assessment/findings/{recorded.Id}/decision", new { decision = "withdraw", comment = "x" }, Ct));
        await ForbiddenAsync(await streetAssessor.GetAsync($"/api/assessment/findings/{recorded.Id}", Ct));
        using var missing = await inspector.PostAsJsonAsync($"/api/assessment/findings/{Guid.NewGuid()}/contest", new { reason = "x" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
