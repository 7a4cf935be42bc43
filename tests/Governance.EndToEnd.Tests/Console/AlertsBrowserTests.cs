using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Identity.SignIn;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The alerts page and the command centre's new-alerts block in Debian's chromium against the real standalone host: an
/// alarm sent through video-alert's webhook (as an analytics box sends it) appears in the open page without a reload, is
/// routed, and the centre's operator acknowledges it; a grid leader reads alerts but is offered no acknowledgment and is
/// refused when forced; a grid worker is offered no alerts at all.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AlertsBrowserTests(ConsoleFixture f)
{
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo grid worker's and leader's grid: the alert's camera stands in it.</summary>
    private const string GridCode = "632801001001001", GridPath = "632801/001/001/001";

    // The camera and source are made once per run as the demo admin (password and TOTP: one sign-in, one TOTP step).
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static (string Camera, string ApiKey)? _setUp;

    [Fact]
    public async Task A_new_alert_appears_live_on_the_alerts_page_and_the_dashboard_and_the_centre_s_operator_acknowledges_it()
    {
        var (camera, apiKey) = await SetUpAsync();
        await using var centre = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(centre, "demo-centre-operator");
        await Expect(page.GetByTestId("new-alerts")).ToBeVisibleAsync();

        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "告警" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("alerts-refreshed")).ToContainTextAsync("更新于"));
        ConsoleBrowser.Figure($"alerts page with its list rendered {started.ElapsedMilliseconds} ms after the click");
        await Expect(page.GetByTestId("cameras-total")).Not.ToHaveTextAsync("0");
        await Expect(page.GetByTestId("camera-figures")).ToContainTextAsync("演示社区001-1 (632801/001/001)");

        // The box sends an alarm while the page is open: the alert shows up by itself, marked new, and is routed.
        await SendAlarmAsync(apiKey, camera);
        var row = page.GetByTestId("alerts").GetByRole(AriaRole.Row).Filter(new() { HasText = camera }).Filter(new() { HasText = "区域入侵" });
        await _browser.ExpectAsync(page, Expect(row).ToContainTextAsync("已派转", new() { Timeout = 60_000 }));
        await Expect(row).ToContainTextAsync("新");

        await row.GetByRole(AriaRole.Button, new() { Name = "确认告警" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(row.GetByTestId("alert-status")).ToHaveTextAsync("已确认"));
        await Expect(page.GetByTestId("alert-done")).ToContainTextAsync($"已确认告警：区域入侵，摄像机 {camera}");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await ConsoleBrowser.ScreenshotAsync(page, "alerts");

        // The service says so too, with who acknowledged it.
        using var check = await f.ApiAsAsync("demo-centre-operator", Ct);
        var alerts = await check.GetFromJsonAsync<JsonElement>($"/api/videoalert/alerts?org={GridPath}&status=acknowledged", Ct);
        var alert = Assert.Single(alerts.EnumerateArray(), a => a.GetProperty("cameraId").GetString() == camera);
        Assert.NotNull(alert.GetProperty("acknowledgedBy").GetString());

        // The command centre's new-alerts block shows it, acknowledged.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "指挥中心" }).ClickAsync();
        var block = page.GetByTestId("new-alerts").GetByRole(AriaRole.Row).Filter(new() { HasText = camera }).Filter(new() { HasText = "区域入侵" });
        await _browser.ExpectAsync(page, Expect(block).ToContainTextAsync("已确认"));
    }

    [Fact]
    public async Task Acknowledging_is_offered_only_where_the_posts_permit_it_and_refused_when_forced_and_the_alerts_are_not_offered_without_alert_read()
    {
        var (camera, apiKey) = await SetUpAsync();
        await SendAlarmAsync(apiKey, camera, kind: "abandoned_object");

        // The grid leader reads their grid's alerts (alert.read) but may not acknowledge them: no button, and the API refuses.
        await using var leaderContext = await _browser.NewContextAsync();
        var leaderPage = await _browser.SignInAsync(leaderContext, "demo-grid-leader");
        await Expect(leaderPage.GetByTestId("new-alerts")).ToBeVisibleAsync();
        await leaderPage.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "告警" }).ClickAsync();
        var row = leaderPage.GetByTestId("alerts").GetByRole(AriaRole.Row).Filter(new() { HasText = camera }).Filter(new() { HasText = "物品遗留" });
        await _browser.ExpectAsync(leaderPage, Expect(row).ToHaveCountAsync(1, new() { Timeout = 30_000 }));
        await Expect(leaderPage.GetByTestId("alerts").GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        using var leader = await f.ApiAsAsync("demo-grid-leader", Ct);
        var alert = (await leader.GetFromJsonAsync<JsonElement>($"/api/videoalert/alerts?org={GridPath}&kind=abandoned_object", Ct))
            .EnumerateArray().First(a => a.GetProperty("cameraId").GetString() == camera);
        var id = alert.GetProperty("id").GetGuid();
        var refused = await leader.PostAsJsonAsync($"/api/videoalert/alerts/{id}/acknowledge", new { version = alert.GetProperty("version").GetInt32() }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("alert.acknowledge", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());

        // The grid worker holds no alert.read: no menu item, no dashboard block, the page refused in words; their token is
        // refused the list (403) and the alert reads as absent to it (video-alert answers a record out of reach with 404).
        await using var workerContext = await _browser.NewContextAsync();
        var workerPage = await _browser.SignInAsync(workerContext, "demo-grid-worker");
        await Expect(workerPage.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "告警" })).ToHaveCountAsync(0);
        await Expect(workerPage.GetByTestId("new-alerts")).ToHaveCountAsync(0);
        await workerPage.GotoAsync(f.BaseAddress + "console/alerts");
        await Expect(workerPage.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        var forced = await worker.PostAsJsonAsync($"/api/videoalert/alerts/{id}/acknowledge", new { version = alert.GetProperty("version").GetInt32() }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, forced.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/videoalert/alerts", Ct)).StatusCode);
        // And the alert is still unacknowledged.
        Assert.NotEqual("acknowledged", (await leader.GetFromJsonAsync<JsonElement>($"/api/videoalert/alerts/{id}", Ct)).GetProperty("alert").GetProperty("status").GetString());
    }

    /// <summary>A camera of the demo grid and a webhook source for it, made by the demo admin (camera.manage) once.</summary>
    private async Task<(string Camera, string ApiKey)> SetUpAsync()
    {
        await Once.WaitAsync(Ct);
        try
        {
            if (_setUp is { } done) return done;
            using var admin = await AdminAsync();
            var cell = await admin.GetFromJsonAsync<JsonElement>($"/api/grid/cells/{GridCode}", Ct);
            var ring = cell.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().SkipLast(1).ToList();
            var (lng, lat) = (ring.Average(p => p[0].GetDouble()), ring.Average(p => p[1].GetDouble()));
            // Centre 8, industry 2, type 131 (camera), network 1, serial 6: a serial of its own, away from the demo's.
            var camera = $"63280100001310{Random.Shared.Next(900_000, 999_999)}";
            var registered = await admin.PostAsJsonAsync("/api/videoalert/cameras",
                new { deviceId = camera, name = "告警测试-演示路口", longitude = lng, latitude = lat, owner = "public", keyArea = true, password = "Test-Pass-2026" }, Ct);
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync(Ct));
            var source = await admin.PostAsJsonAsync("/api/videoalert/sources", new { name = "告警测试-分析盒", orgPath = GridPath }, Ct);
            var body = await source.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(source.IsSuccessStatusCode, body.ToString());
            _setUp = (camera, body.GetProperty("apiKey").GetString()!);
            return _setUp.Value;
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task SendAlarmAsync(string apiKey, string camera, string kind = "intrusion")
    {
        using var box = new HttpClient { BaseAddress = f.BaseAddress };
        box.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var sent = await box.PostAsJsonAsync("/api/videoalert/webhook/alarms", new
        {
            cameraId = camera, eventId = $"console-test-{Guid.NewGuid():N}"[..40], kind, priority = 2,
            occurredAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz"),
        }, Ct);
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The demo admin through the password grant with a TOTP code from the secret the host printed once.</summary>
    private Task<HttpClient> AdminAsync() => f.ApiAsAsync("demo-admin", Ct);
}
