using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The assessment pages beyond the ranking, in chromium against the standalone's demo county: the admin (assessment.manage)
/// replays the event log and follows the job's progress bar to its counts; an assessor is neither offered the replay nor
/// given it when forced; a department's handler sees their own department's scorecard and records and is refused another
/// department's in words; an assessor's trend draws a line and links each month to its scorecard; a published ranking opens
/// labelled as the circulated, frozen figures.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AssessmentReplayBrowserTests(ConsoleFixture f)
{
    private const string UrbanManagement = "演示-城市管理局", Justice = "演示-司法局";
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ThisMonth => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static ILocator Navigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });

    private static ILocator Tabs(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "考核", Exact = true });

    [Fact]
    public async Task The_admin_replays_the_events_and_follows_the_progress_bar_to_the_rebuilt_counts()
    {
        await DemoDepartmentsAsync();
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInWithTotpAsync(context, "demo-admin");
        // The admin reads no scores (no assessment.read): 考核 opens the replay, the only assessment page offered.
        await Navigation(page).GetByRole(AriaRole.Link, new() { Name = "考核" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByRole(AriaRole.Heading, new() { Name = "考核事件重放" })).ToBeVisibleAsync());
        await Expect(Tabs(page).GetByRole(AriaRole.Link)).ToHaveTextAsync(["事件重放"]);

        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "重放事件" }).ClickAsync();
        var job = page.GetByTestId("replay-job");
        await _browser.ExpectAsync(page, Expect(job.GetByTestId("replay-state")).ToHaveTextAsync("已完成", new() { Timeout = 120_000 }));
        ConsoleBrowser.Figure($"assessment replay: succeeded on the page {started.ElapsedMilliseconds} ms after the click");

        // The bar, by its label, full at the end; its words and the result's events agree.
        var bar = page.GetByLabel("已重放事件");
        var max = await bar.GetAttributeAsync("max");
        Assert.False(string.IsNullOrEmpty(max));
        await Expect(bar).ToHaveJSPropertyAsync("value", double.Parse(max!, System.Globalization.CultureInfo.InvariantCulture));
        var total = long.Parse(max!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total > 0, "the demo's events are in assessment's log");
        await Expect(job.GetByTestId("replay-events")).ToHaveTextAsync($"{total} / {total} 条事件");
        var result = page.GetByTestId("replay-result");
        await Expect(result.GetByRole(AriaRole.Columnheader, new() { Name = "事件办理" })).ToBeVisibleAsync();
        var cells = await result.Locator("tbody td").AllInnerTextsAsync();
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[0]);
        Assert.True(int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture) > 0, $"incidents rebuilt: {cells[1]}");
        await ConsoleBrowser.ScreenshotAsync(page, "assessment-replay");
    }

    [Fact]
    public async Task An_assessor_is_not_offered_the_replay_and_is_refused_it_when_forced()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-assessor");
        await Navigation(page).GetByRole(AriaRole.Link, new() { Name = "考核" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(Tabs(page).GetByRole(AriaRole.Link, new() { Name = "走势" })).ToBeVisibleAsync());
        await Expect(Tabs(page).GetByRole(AriaRole.Link, new() { Name = "事件重放" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "重放事件" })).ToHaveCountAsync(0);

        await page.GotoAsync(f.BaseAddress + "console/assessment/replay");
        await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "重放事件" })).ToHaveCountAsync(0);

        // The service refuses the assessor's own token, with problem details (words, no trace).
        using var assessor = await f.ApiAsAsync("demo-assessor", Ct);
        using var refused = await assessor.PostAsync("/api/assessment/replay", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var list = await assessor.GetAsync("/api/assessment/replay/jobs", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Fact]
    public async Task A_department_handler_sees_only_their_own_departments_scorecard_and_its_records()
    {
        var departments = await DemoDepartmentsAsync();
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-department-handler");
        await Navigation(page).GetByRole(AriaRole.Link, new() { Name = "考核" }).ClickAsync();
        var scorecard = page.GetByTestId("scorecard");
        await _browser.ExpectAsync(page, Expect(scorecard.GetByRole(AriaRole.Heading)).ToContainTextAsync($"{UrbanManagement} {ThisMonth} 评分表"));
        // Nothing to pick: their own department only; no ranking, no published rankings.
        await Expect(page.GetByLabel("单位", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("own-department")).ToContainTextAsync(UrbanManagement);
        await Expect(Tabs(page).GetByRole(AriaRole.Link)).ToHaveTextAsync(["评分表", "走势"]);

        // Drill-down as assessors have it.
        await scorecard.GetByRole(AriaRole.Button, new() { Name = "按时办结率的依据记录" }).ClickAsync();
        await Expect(page.GetByTestId("records").GetByRole(AriaRole.Heading)).ToContainTextAsync("按时办结率：依据记录");

        // Another department typed into the address: assessment refuses, the page says so in words and shows no scorecard.
        await page.GotoAsync(f.BaseAddress + $"console/assessment/scorecard?department={departments[Justice]}&period={ThisMonth}");
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("problem")).ToContainTextAsync("您只能查看本部门的考核情况"));
        await Expect(page.GetByTestId("scorecard")).ToHaveCountAsync(0);
        await page.GotoAsync(f.BaseAddress + "console/assessment");
        await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");
        await page.GotoAsync(f.BaseAddress + "console/assessment/published");
        await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");
    }

    [Fact]
    public async Task An_assessor_sees_a_departments_monthly_trend_as_a_line_and_a_table_linking_each_month_to_its_scorecard()
    {
        await DemoDepartmentsAsync();
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-assessor");
        await Navigation(page).GetByRole(AriaRole.Link, new() { Name = "考核" }).ClickAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Tabs(page).GetByRole(AriaRole.Link, new() { Name = "走势" }).ClickAsync();
        await page.GetByLabel("单位", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = UrbanManagement });
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var trend = page.GetByTestId("trend");
        var year = ThisMonth[..4];
        await _browser.ExpectAsync(page, Expect(trend.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"{UrbanManagement} {year} 年逐月得分"));
        ConsoleBrowser.Figure($"assessment trends: drawn {started.ElapsedMilliseconds} ms after the tab click");
        await Expect(page.Locator("#chart-trend svg")).ToBeVisibleAsync();
        // One row per month begun so far (Beijing time), each linking to that month's scorecard.
        var months = int.Parse(ThisMonth[5..], System.Globalization.CultureInfo.InvariantCulture);
        var table = page.GetByTestId("trend-table");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(months);
        var link = table.GetByRole(AriaRole.Link, new() { Name = $"{ThisMonth} 评分表" });
        await Expect(link).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"^/console/assessment/scorecard\\?department=[^&]+&period={ThisMonth}$"));
        await ConsoleBrowser.ScreenshotAsync(page, "assessment-trends");

        await link.ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("scorecard").GetByRole(AriaRole.Heading)).ToContainTextAsync($"{UrbanManagement} {ThisMonth} 评分表"));
    }

    [Fact]
    public async Task A_published_ranking_opens_labelled_as_the_circulated_frozen_figures()
    {
        await DemoDepartmentsAsync();
        using (var admin = await f.ApiAsAsync("demo-admin", Ct))
        {
            using var published = await admin.PostAsJsonAsync("/api/assessment/published", new { org = "632801", period = ThisMonth, note = "演示通报" }, Ct);
            Assert.True(published.StatusCode == HttpStatusCode.Created, $"{published.StatusCode} {await published.Content.ReadAsStringAsync(Ct)}");
        }
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-assessor");
        await Navigation(page).GetByRole(AriaRole.Link, new() { Name = "考核" }).ClickAsync();
        await Tabs(page).GetByRole(AriaRole.Link, new() { Name = "已发布结果" }).ClickAsync();
        var versions = page.GetByTestId("published-versions");
        await _browser.ExpectAsync(page, Expect(versions.GetByRole(AriaRole.Cell, new() { Name = "演示通报" }).First).ToBeVisibleAsync());
        await versions.GetByRole(AriaRole.Button).First.ClickAsync();
        var ranking = page.GetByTestId("published-ranking");
        await Expect(ranking.GetByRole(AriaRole.Heading)).ToContainTextAsync("版发布");
        await Expect(page.GetByTestId("frozen-notice")).ToContainTextAsync("冻结数据");
        await ranking.GetByRole(AriaRole.Button, new() { Name = UrbanManagement }).ClickAsync();
        await Expect(page.GetByTestId("scorecard").GetByRole(AriaRole.Heading)).ToContainTextAsync("版发布数据");
        await page.GetByTestId("scorecard").GetByRole(AriaRole.Button, new() { Name = "按时办结率的依据记录" }).ClickAsync();
        await Expect(page.GetByTestId("records").GetByRole(AriaRole.Heading)).ToContainTextAsync("版发布数据");
    }

    /// <summary>The demo departments' ids by name, once the demo's letters are signed (they arrive over the bus after start).</summary>
    private async Task<Dictionary<string, string>> DemoDepartmentsAsync()
    {
        using var assessor = await f.ApiAsAsync("demo-assessor", Ct);
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var ranking = await assessor.GetFromJsonAsync<JsonElement>($"/api/assessment/rankings?org=632801&period={ThisMonth}", Ct);
            var departments = ranking.GetProperty("departments").EnumerateArray()
                .ToDictionary(d => d.GetProperty("departmentName").GetString()!, d => d.GetProperty("departmentId").GetString()!);
            if (departments.ContainsKey(UrbanManagement) && departments.ContainsKey(Justice)) return departments;
            await Task.Delay(500, Ct);
        }
        throw new Xunit.Sdk.XunitException("the demo's signed letters never reached the ranking");
    }
}
