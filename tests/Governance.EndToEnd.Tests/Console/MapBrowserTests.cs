using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The map in Debian's chromium against the real standalone host: a community picked by its label shows its grid
/// polygons, an incident just reported in it and its cameras, drawn by Leaflet from vectors alone (the browser asks no
/// other host for tiles), and listed beside the map; a user without grid.read is neither offered the map nor shown it.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class MapBrowserTests(ConsoleFixture f)
{
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_map_shows_a_community_s_grids_and_an_incident_reported_in_it_on_the_map_and_in_the_list_beside_it()
    {
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        const string title = "地图测试：路面塌陷";
        await ConsoleBrowser.ReportAsync(worker, title);

        await using var centre = await _browser.NewContextAsync();
        var elsewhere = new System.Collections.Concurrent.ConcurrentQueue<string>();
        centre.Request += (_, r) => { if (!r.Url.StartsWith(f.BaseAddress.ToString(), StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) elsewhere.Enqueue(r.Url); };
        var page = await _browser.SignInAsync(centre, "demo-centre-operator");
        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "地图" }).ClickAsync();
        var grids = page.GetByTestId("map-grids").GetByRole(AriaRole.Listitem);
        await _browser.ExpectAsync(page, Expect(grids).ToHaveCountAsync(24));
        await Expect(page.Locator("#map path.leaflet-interactive").Nth(23)).ToBeVisibleAsync();
        ConsoleBrowser.Figure($"map with a community's grids drawn {started.ElapsedMilliseconds} ms after the click");

        // The picker is a labelled select: another community, then the worker's own, where the incident was reported.
        var picker = page.GetByLabel("社区", new() { Exact = true });
        await picker.SelectOptionAsync("632801/001/002");
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("map-status")).ToContainTextAsync("演示社区001-2"));
        await Expect(page.GetByTestId("map-incidents")).Not.ToContainTextAsync(title);
        await picker.SelectOptionAsync("632801/001/001");
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("map-incidents")).ToContainTextAsync(title));
        await Expect(grids.First).ToContainTextAsync("632801001001001");
        // On the map: the grids' polygons and the incidents' markers (SVG, so the test can count them).
        Assert.True(await page.Locator("#map path.leaflet-interactive").CountAsync() >= 24);
        await Expect(page.Locator("#map path.map-incident").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("map-cameras")).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "map");
        // Vector only: no tile server or other host was asked for anything.
        Assert.Empty(elsewhere);

        // The department's handler holds no grid.read: no menu item, and the page is refused in words.
        await using var department = await _browser.NewContextAsync();
        var handlerPage = await _browser.SignInAsync(department, "demo-department-handler");
        await Expect(handlerPage.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "地图" })).ToHaveCountAsync(0);
        await handlerPage.GotoAsync(f.BaseAddress + "console/map");
        await Expect(handlerPage.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");
    }
}
