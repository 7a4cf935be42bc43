using System.Net;
using System.Net.Http.Json;
using Governance.Assessment.Manual;
using Governance.Assessment.Scores;
using static Governance.Assessment.Tests.Reviews.Answers;

namespace Governance.Assessment.Tests.Reviews;

public sealed class ManualValueTests(ReviewFixture fixture) : IClassFixture<ReviewFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_manual_value_counts_only_once_accepted_and_a_rejected_one_is_submitted_again_with_its_history_kept()
    {
        var department = fixture.Manual.ToString();
        using var handler = fixture.Handler(fixture.Manual);
        using var assessor = fixture.Assessor();
        var card = $"/api/assessment/scorecard?department={department}&period=2026-11";
        object Submission(decimal value) => new { departmentId = department, indicator = "publicity_coverage", period = "2026-11", value, note = "入户宣传", evidence = ReviewFixture.Evidence() };

        var first = await OkAsync<ManualValueBook.ManualValueView>(await handler.PostAsJsonAsync("/api/assessment/manual-values", Submission(0.6m), Ct), HttpStatusCode.Created);
        Assert.Equal((1, "pending", 2), (first.Attempt, first.State, first.Evidence.Count));
        await RuleAsync(await handler.PostAsJsonAsync("/api/assessment/manual-values", Submission(0.7m), Ct), "ManualValuePending");
        // Waiting for review, it counts for nothing: a manual indicator with no accepted value earns no points.
        var item = (await OkAsync<Scorecards.Scorecard>(await assessor.GetAsync(card, Ct))).Items.Single(i => i.Indicator == "publicity_coverage");
        Assert.Equal((null, 0m, true), (item.Value, item.Points, item.NoRecords));

        // A rejection needs its reason; then it is final, and the department submits again.
        await FieldAsync(await assessor.PostAsJsonAsync($"/api/assessment/manual-values/{first.Id}/review", new { decision = "reject" }, Ct), "comment");
        await FieldAsync(await assessor.PostAsJsonAsync($"/api/assessment/manual-values/{first.Id}/review", new { decision = "maybe", comment = "?" }, Ct), "decision");
        var rejected = await OkAsync<ManualValueBook.ManualValueView>(
            await assessor.PostAsJsonAsync($"/api/assessment/manual-values/{first.Id}/review", new { decision = "reject", comment = "台账缺少签字" }, Ct));
        Assert.Equal(("rejected", "assessor-county", "台账缺少签字"), (rejected.State, rejected.ReviewedBy, rejected.ReviewComment));
        await RuleAsync(await assessor.PostAsJsonAsync($"/api/assessment/manual-values/{first.Id}/review", new { decision = "accept" }, Ct), "ManualValueReviewed");
        Assert.Equal(0m, (await OkAsync<Scorecards.Scorecard>(await assessor.GetAsync(card, Ct))).Items.Single(i => i.Indicator == "publicity_coverage").Points);

        var second = await OkAsync<ManualValueBook.ManualValueView>(await handler.PostAsJsonAsync("/api/assessment/manual-values", Submission(0.9m), Ct), HttpStatusCode.Created);
        Assert.Equal(2, second.Attempt);
        await OkAsync<ManualValueBook.ManualValueView>(await assessor.PostAsJsonAsync($"/api/assessment/manual-values/{second.Id}/review", new { decision = "accept" }, Ct));
        await RuleAsync(await handler.PostAsJsonAsync("/api/assessment/manual-values", Submission(1m), Ct), "ManualValueAccepted");

        // 0.9 between 0.5 and 1: 20 × 0.4 / 0.5 = 16 points; the item opens into the accepted value.
        item = (await OkAsync<Scorecards.Scorecard>(await assessor.GetAsync(card, Ct))).Items.Single(i => i.Indicator == "publicity_coverage");
        Assert.Equal((0.9m, 16m, false), (item.Value, item.Points, item.NoRecords));
        var records = await OkAsync<Scorecards.IndicatorRecords>(await handler.GetAsync(item.Records, Ct));
        Assert.Equal([second.Id.ToString()], records.NumeratorRecords.Select(r => r.Id));
        Assert.Equal($"/api/assessment/manual-values/{second.Id}", records.NumeratorRecords[0].Link);

        // The history: both attempts, as they were decided; the department reads it, and lists its values.
        var thread = await OkAsync<ManualValueBook.ManualValueThread>(await handler.GetAsync($"/api/assessment/manual-values/{first.Id}", Ct));
        Assert.Equal([(1, 0.6m, "rejected"), (2, 0.9m, "accepted")], thread.Attempts.Select(a => (a.Attempt, a.Value, a.State)));
        var listed = await OkAsync<List<ManualValueBook.ManualValueView>>(await handler.GetAsync($"/api/assessment/manual-values?department={department}&period=2026&state=accepted", Ct));
        Assert.Equal([second.Id], listed.Select(v => v.Id));
    }

    [Fact]
    public async Task Submitting_and_reviewing_are_scoped_to_the_department_and_the_reviewers_org()
    {
        var department = fixture.Elsewhere.ToString();
        var submission = new { departmentId = department, indicator = "training_sessions", period = "2026-Q4", value = 4, evidence = ReviewFixture.Evidence() };
        // Another department's handler, an assessor (who reviews, never submits) and a grid worker may not submit for it.
        using (var otherHandler = fixture.Handler(fixture.Manual))
            await ForbiddenAsync(await otherHandler.PostAsJsonAsync("/api/assessment/manual-values", submission, Ct));
        using (var assessor = fixture.Assessor())
            await ForbiddenAsync(await assessor.PostAsJsonAsync("/api/assessment/manual-values", submission, Ct));

        using var handler = fixture.Host.ClientAs("handler-wjw", fixture.Host.Org("002"), "department_handler", department);
        var value = await OkAsync<ManualValueBook.ManualValueView>(await handler.PostAsJsonAsync("/api/assessment/manual-values", submission, Ct), HttpStatusCode.Created);

        // The department may not review its own value; an assessor of another street may not either, nor read it.
        var review = $"/api/assessment/manual-values/{value.Id}/review";
        await ForbiddenAsync(await handler.PostAsJsonAsync(review, new { decision = "accept" }, Ct));
        using var streetAssessor = fixture.Host.ClientAs("assessor-001", fixture.Host.Org("001"), "assessor");
        await ForbiddenAsync(await streetAssessor.PostAsJsonAsync(review, new { decision = "accept" }, Ct));
        await ForbiddenAsync(await streetAssessor.GetAsync($"/api/assessment/manual-values/{value.Id}", Ct));
        await ForbiddenAsync(await streetAssessor.GetAsync($"/api/assessment/manual-values?org={fixture.Host.Org("002")}&period=2026", Ct));
        using (var otherHandler = fixture.Handler(fixture.Manual))
            await ForbiddenAsync(await otherHandler.GetAsync($"/api/assessment/manual-values/{value.Id}", Ct));

        // Its own street's assessor and the county's admin (assessment.manage) review it; the second finds it decided.
        using var ownStreet = fixture.Host.ClientAs("assessor-002", fixture.Host.Org("002"), "assessor");
        var accepted = await OkAsync<ManualValueBook.ManualValueView>(await ownStreet.PostAsJsonAsync(review, new { decision = "accept", comment = "属实" }, Ct));
        Assert.Equal(("accepted", "assessor-002"), (accepted.State, accepted.ReviewedBy));
        using var admin = fixture.Host.ClientAs("admin-county", fixture.Host.County, "admin");
        await RuleAsync(await admin.PostAsJsonAsync(review, new { decision = "reject", comment = "重复" }, Ct), "ManualValueReviewed");
        var listed = await OkAsync<List<ManualValueBook.ManualValueView>>(await ownStreet.GetAsync($"/api/assessment/manual-values?org={fixture.Host.Org("002")}&period=2026", Ct));
        Assert.Equal([value.Id], listed.Select(v => v.Id));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_400_naming_the_field_and_nothing_is_written()
    {
        using var handler = fixture.Handler(fixture.Manual);
        var department = fixture.Manual.ToString();
        var evidence = ReviewFixture.Evidence();
        var url = "/api/assessment/manual-values";
        await FieldAsync(await handler.PostAsJsonAsync(url, new { departmentId = "nobody", indicator = "publicity_coverage", period = "2026-10", value = 0.5, evidence }, Ct), "departmentId");
        await FieldAsync(await handler.PostAsJsonAsync(url, new { departmentId = department, indicator = "incident_on_time_rate", period = "2026-10", value = 0.5, evidence }, Ct), "indicator");
        await FieldAsync(await handler.PostAsJsonAsync(url, new { departmentId = department, indicator = "publicity_coverage", period = "2026-13", value = 0.5, evidence }, Ct), "period");
        await FieldAsync(await handler.PostAsJsonAsync(url, new { departmentId = department, indicator = "publicity_coverage", period = "2026-10", value = 1.5, evidence }, Ct), "value");
        await FieldAsync(await handler.PostAsJsonAsync(url, new { departmentId = department, indicator = "training_sessions", period = "2026-10", value = 2.5, evidence }, Ct), "value");
        await FieldAsync(await handler.PostAsJsonAsync(url, new { departmentId = department, indicator = "publicity_coverage", period = "2026-10", value = 0.5, evidence = Array.Empty<object>() }, Ct), "evidence");
        await FieldAsync(await handler.PostAsJsonAsync(url, new { departmentId = department, indicator = "publicity_coverage", period = "2026-10", value = 0.5,
            evidence = new[] { new { name = "录像", uri = "oss://v.mp4", kind = "video" } } }, Ct), "evidence[0].kind");
        await FieldAsync(await handler.PostAsJsonAsync(url, new { departmentId = department, indicator = "publicity_coverage", period = "2026-10", value = 0.5,
            evidence = new[] { new { name = "", uri = "oss://a.pdf", kind = "document" } } }, Ct), "evidence[0].name");
        await FieldAsync(await handler.GetAsync($"{url}?department={department}&period=2026&state=lost", Ct), "state");
        using var assessor = fixture.Assessor();
        var none = await OkAsync<List<ManualValueBook.ManualValueView>>(await assessor.GetAsync($"{url}?department={department}&period=2026-10", Ct));
        Assert.Empty(none);
        using var missing = await assessor.PostAsJsonAsync($"{url}/{Guid.NewGuid()}/review", new { decision = "accept" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
