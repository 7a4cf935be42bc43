using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The search page (搜索) in chromium against the standalone host: one box, the service's facets with their counts that
/// filter when clicked, highlighted fragments (search's <c>&lt;em&gt;</c> shown as <c>&lt;mark&gt;</c>, never its markup as
/// HTML), sorting; the investigator (password and TOTP) finds only what their role may open; a user without
/// <c>search.query</c> is neither offered the page nor answered when forced.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SearchBrowserTests(ConsoleFixture f)
{
    // A word no demo record carries, so the counts are the test's own.
    private const string Word = "琥珀";
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_centre_operator_finds_incidents_by_a_Chinese_word_in_their_titles_sees_it_highlighted_and_narrows_by_a_facet()
    {
        // Two incidents with the word in their titles, from the field; the centre registers one of them.
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        var reported = await ConsoleBrowser.ReportAsync(worker, $"{Word}巷口路面塌陷");
        // Markup typed into a title is text: search escapes it in its highlight, and the page shows it as typed, never as HTML.
        var registered = await ConsoleBrowser.ReportAsync(worker, $"<b>粗</b>{Word}巷路灯不亮");
        using var centre = await f.ApiAsAsync("demo-centre-operator", Ct);
        Assert.True((await centre.PostAsJsonAsync($"/api/grid/incidents/{registered}/register", new { }, Ct)).IsSuccessStatusCode);
        // Search indexes incidents' own words from grid in the background: wait (by the API) until both are found as they are now.
        await WaitUntilFoundAsync(centre, $"/api/search?q={Uri.EscapeDataString(Word)}&type=incident&status=registered", 1);
        await WaitUntilFoundAsync(centre, $"/api/search?q={Uri.EscapeDataString(Word)}&type=incident", 2);

        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-centre-operator");
        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "搜索" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByLabel("搜索内容")).ToBeVisibleAsync());
        ConsoleBrowser.Figure($"search page: first render {started.ElapsedMilliseconds} ms after the menu click");

        await page.GetByLabel("搜索内容").FillAsync(Word);
        started.Restart();
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true }).ClickAsync();
        var hits = page.GetByTestId("hits");
        await _browser.ExpectAsync(page, Expect(hits.GetByRole(AriaRole.Heading)).ToHaveTextAsync("共 2 条结果"));
        ConsoleBrowser.Figure($"search page: results {started.ElapsedMilliseconds} ms after the search click");
        // The match is marked, as text: search's own <em> never reaches the page.
        await Expect(hits.Locator("mark").First).ToHaveTextAsync(Word);
        Assert.Equal(0, await hits.Locator("em").CountAsync());
        await Expect(hits.GetByTestId("fragment").Filter(new() { HasText = "路灯" })).ToContainTextAsync($"</b>{Word}巷");
        await Expect(hits.GetByRole(AriaRole.Link).Filter(new() { HasText = "路灯" })).ToContainTextAsync("<b>粗</b>");
        Assert.Equal(0, await hits.Locator("b").CountAsync());
        await Expect(hits.GetByTestId("fragment").First).ToContainTextAsync("路");
        // Facets with their counts: both are incidents, one reported and one registered.
        var facets = page.GetByTestId("facets");
        await Expect(facets.GetByRole(AriaRole.Button, new() { Name = "事件 (2)" })).ToBeVisibleAsync();
        await Expect(facets.GetByRole(AriaRole.Button, new() { Name = "已立案 (1)" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "search");

        // A facet filters when clicked, and says it is on.
        await facets.GetByRole(AriaRole.Button, new() { Name = "已立案 (1)" }).ClickAsync();
        await Expect(hits.GetByRole(AriaRole.Heading)).ToHaveTextAsync("共 1 条结果");
        await Expect(facets.GetByRole(AriaRole.Button, new() { Name = "已立案 (1)" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(hits.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/console/incidents/{registered}");

        // Cleared and sorted by time: the newer report first.
        await facets.GetByRole(AriaRole.Button, new() { Name = "清除筛选" }).ClickAsync();
        await page.GetByLabel("排序").SelectOptionAsync("time");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true }).ClickAsync();
        await Expect(hits.GetByRole(AriaRole.Heading)).ToHaveTextAsync("共 2 条结果");
        await Expect(hits.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", $"/console/incidents/{registered}");
        await Expect(hits.GetByRole(AriaRole.Link).Nth(1)).ToHaveAttributeAsync("href", $"/console/incidents/{reported}");
    }

    [Fact]
    public async Task An_investigator_signed_in_with_TOTP_finds_houses_but_no_incident_their_role_may_not_open()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInWithTotpAsync(context, "demo-investigator");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "搜索" }).ClickAsync();
        await page.GetByLabel("搜索内容").FillAsync("房屋");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true }).ClickAsync();
        var hits = page.GetByTestId("hits");
        await _browser.ExpectAsync(page, Expect(hits.Locator("mark").First).ToHaveTextAsync("房屋"));
        var facets = page.GetByTestId("facets");
        await Expect(facets.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^房屋 \(\d+\)$") })).ToBeVisibleAsync();
        // The investigator's role reads houses (population.read), not incidents: search holds incidents out of every count.
        await Expect(facets.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^事件 \(") })).ToHaveCountAsync(0);
        await facets.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^房屋 \(\d+\)$") }).ClickAsync();
        await Expect(facets.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^房屋 \(") }))
            .ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task A_user_without_search_query_is_not_offered_search_and_is_refused_when_forced()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-assessor");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "考核" })).ToBeVisibleAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "搜索" })).ToHaveCountAsync(0);
        await page.GotoAsync(f.BaseAddress + "console/search");
        await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");
        await Expect(page.GetByLabel("搜索内容")).ToHaveCountAsync(0);

        using var assessor = await f.ApiAsAsync("demo-assessor", Ct);
        var forced = await assessor.GetAsync($"/api/search?q={Uri.EscapeDataString(Word)}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
    }

    private static async Task WaitUntilFoundAsync(HttpClient client, string query, int total)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var answer = await client.GetFromJsonAsync<JsonElement>(query, Ct);
            if (answer.GetProperty("total").GetInt64() == total) return;
            await Task.Delay(500, Ct);
        }
        throw new Xunit.Sdk.XunitException($"search never found {total} for {query}");
    }
}
