using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The assessment page (考核) in chromium against the standalone's demo county: the assessor's ranking with its chart, a
/// department's scorecard, a point opened down to the incidents behind it, and the ranking's xlsx downloaded through the
/// console; a user whose posts carry no <c>assessment.read</c> is neither offered the page nor given it (nor its export)
/// when forced.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AssessmentBrowserTests(ConsoleFixture f)
{
    private const string UrbanManagement = "演示-城市管理局";
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Assessment's periods are Beijing-time months, as the page's default is.
    private static string ThisMonth => Month(0);

    private static string Month(int offset) => DateTime.UtcNow.AddHours(8).AddMonths(offset).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_assessor_opens_a_score_down_to_the_incidents_behind_it_and_downloads_the_ranking_as_xlsx()
    {
        // The demo's closed incidents reach assessment over the bus after start: wait (by the API) until the urban management
        // bureau's on-time rate counts some, and take the records the page should show.
        using var assessor = await f.ApiAsAsync("demo-assessor", Ct);
        var expected = await IncidentsBehindOnTimeRateAsync(assessor);

        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-assessor");
        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "考核" }).ClickAsync();
        var ranking = page.GetByTestId("ranking");
        await _browser.ExpectAsync(page, Expect(page.GetByLabel("考核期")).ToHaveValueAsync(ThisMonth));
        await _browser.ExpectAsync(page, Expect(ranking.GetByRole(AriaRole.Button, new() { Name = UrbanManagement })).ToBeVisibleAsync());
        ConsoleBrowser.Figure($"assessment page: ranking rendered {started.ElapsedMilliseconds} ms after the menu click");
        await Expect(page.Locator("#chart-ranking svg")).ToBeVisibleAsync();
        if (expected.Period != ThisMonth)
        {
            // The host started before midnight (Beijing time) and its demo closed its incidents last month: show that month.
            await page.GetByLabel("考核期").FillAsync(expected.Period);
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{expected.Period} 成员单位排名" })).ToBeVisibleAsync();
        }

        // A department's scorecard, then the records behind its on-time rate: the incidents, each opening the console's incident page.
        await ranking.GetByRole(AriaRole.Button, new() { Name = UrbanManagement }).ClickAsync();
        var scorecard = page.GetByTestId("scorecard");
        await Expect(scorecard.GetByRole(AriaRole.Heading)).ToContainTextAsync($"{UrbanManagement} {expected.Period} 评分表");
        await Expect(scorecard.GetByRole(AriaRole.Rowheader, new() { Name = "按时办结率" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "assessment");
        await scorecard.GetByRole(AriaRole.Button, new() { Name = "按时办结率的依据记录" }).ClickAsync();
        var records = page.GetByTestId("records");
        await Expect(records.GetByRole(AriaRole.Heading)).ToContainTextAsync("按时办结率：依据记录");
        var link = records.GetByRole(AriaRole.Link, new() { Name = expected.Number, Exact = true }).First;
        await Expect(link).ToHaveAttributeAsync("href", $"/console/incidents/{expected.Id}");

        // The ranking's workbook, through the console (the token stays on the server): a real xlsx, Chinese name and all.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        Assert.Contains("考核排名", download.SuggestedFilename);
        var path = await download.PathAsync();
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "[Content_Types].xml");
            Assert.Contains(zip.Entries, e => e.FullName == "xl/workbook.xml");
            var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            Assert.True(sheet.Length > 0);
        }
        var sharedStrings = await ReadEntryAsync(path, "xl/sharedStrings.xml");
        Assert.Contains(UrbanManagement, sharedStrings + await ReadEntryAsync(path, "xl/worksheets/sheet1.xml"));
    }

    [Fact]
    public async Task A_user_without_assessment_read_is_not_offered_the_page_and_is_refused_it_and_its_export_when_forced()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-grid-worker");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "事件办理" })).ToBeVisibleAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "考核" })).ToHaveCountAsync(0);
        await page.GotoAsync(f.BaseAddress + "console/assessment");
        await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");

        // The console's export refuses in words; the service refuses the worker's own token.
        var export = await page.APIRequest.GetAsync(f.BaseAddress + $"console/assessment/rankings.xlsx?org=632801&period={ThisMonth}");
        Assert.Equal(403, export.Status);
        Assert.Contains("无权导出", await export.TextAsync());
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/api/assessment/rankings?org=632801&period={ThisMonth}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/api/assessment/rankings/xlsx?org=632801&period={ThisMonth}", Ct)).StatusCode);
    }

    private sealed record Expected(string Period, string Id, string Number);

    private static async Task<Expected> IncidentsBehindOnTimeRateAsync(HttpClient assessor)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            // This month's, or last month's when the demo closed its incidents before midnight (Beijing time).
            foreach (var period in new[] { ThisMonth, Month(-1) })
            {
                var ranking = await assessor.GetFromJsonAsync<JsonElement>($"/api/assessment/rankings?org=632801&period={period}", Ct);
                var department = ranking.GetProperty("departments").EnumerateArray()
                    .FirstOrDefault(d => d.GetProperty("departmentName").GetString() == UrbanManagement);
                if (department.ValueKind == JsonValueKind.Object)
                {
                    var id = department.GetProperty("departmentId").GetString()!;
                    var records = await assessor.GetFromJsonAsync<JsonElement>(
                        $"/api/assessment/records?indicator=incident_on_time_rate&period={period}&department={id}", Ct);
                    if (records.GetProperty("denominatorRecords") is { ValueKind: JsonValueKind.Array } all && all.GetArrayLength() > 0)
                    {
                        var first = records.GetProperty("numeratorRecords").GetArrayLength() > 0 ? records.GetProperty("numeratorRecords")[0] : all[0];
                        return new Expected(period, first.GetProperty("id").GetString()!, first.GetProperty("number").GetString()!);
                    }
                }
            }
            await Task.Delay(500, Ct);
        }
        throw new Xunit.Sdk.XunitException("the demo's closed incidents never reached the urban management bureau's on-time rate");
    }

    private static async Task<string> ReadEntryAsync(string zipPath, string name)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        if (zip.GetEntry(name) is not { } entry) return "";
        using var reader = new StreamReader(entry.Open());
        return await reader.ReadToEndAsync(Ct);
    }
}
