using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.VideoAlert.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The alerts page and the command centre's new-alerts block fed by video-alert's WatchAlerts stream (the standalone host
/// gives the console its own gRPC port): an alarm sent through the webhook after the pages opened shows on both without a
/// reload and without the list being read again; a grid leader's page never gets another grid's alert, and video-alert
/// refuses the leader's own token a watch outside their grid.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AlertsLiveBrowserTests(ConsoleFixture f)
{
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo grid leader's grid, and another grid of the same community (the centre operator's street reaches both).</summary>
    private const string LeaderGrid = "632801001001001", OtherGrid = "632801001001002", Community = "632801/001/001";

    /// <summary>The console's default poll interval (Console:AlertsRefreshSeconds), which a polling page would have used.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static (string LeaderCamera, string OtherCamera, string ApiKey)? _setUp;

    [Fact]
    public async Task An_alarm_raised_after_the_pages_opened_shows_on_the_alerts_page_and_the_dashboard_from_the_stream_without_a_list_read()
    {
        var (camera, _, apiKey) = await SetUpAsync();
        await using var context = await _browser.NewContextAsync();
        var dashboard = await _browser.SignInAsync(context, "demo-centre-operator");
        var block = dashboard.GetByTestId("new-alerts");
        await _browser.ExpectAsync(dashboard, Expect(block.GetByTestId("alert-feed-state")).ToHaveTextAsync("实时"));

        // A second tab, a second circuit: the alerts page holds its own stream.
        var page = await context.NewPageAsync();
        await page.GotoAsync(f.BaseAddress + "console/alerts");
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("alert-feed-state")).ToHaveTextAsync("实时"));
        await Expect(page.GetByTestId("alerts-refreshed")).ToContainTextAsync("新告警实时推送");
        // When the list was read, to the second ("列表读取于 HH:mm:ss"): a live page reads it at open and after a reconnect only.
        var listRead = System.Text.RegularExpressions.Regex.Match(await page.GetByTestId("alerts-refreshed").InnerTextAsync(), @"列表读取于 \d\d:\d\d:\d\d").Value;
        Assert.NotEmpty(listRead);

        // No poll timer: longer than a poll interval passes and the list (read at open, to the second) is not read again.
        await Task.Delay(PollInterval * 1.5, Ct);
        await Expect(page.GetByTestId("alerts-refreshed")).ToContainTextAsync(listRead);

        var sent = System.Diagnostics.Stopwatch.StartNew();
        await SendAlarmAsync(apiKey, camera, "fire_smoke");
        var row = page.GetByTestId("alerts").GetByRole(AriaRole.Row).Filter(new() { HasText = camera }).Filter(new() { HasText = "烟火" });
        await _browser.ExpectAsync(page, Expect(row).ToHaveCountAsync(1, new() { Timeout = 15_000 }));
        ConsoleBrowser.Figure($"alert on the open alerts page {sent.ElapsedMilliseconds} ms after the webhook answered");
        await Expect(row).ToContainTextAsync("新");
        await Expect(page.GetByTestId("alert-feed-announce")).ToContainTextAsync(camera);
        // It came by the stream: the list was not read again.
        await Expect(page.GetByTestId("alerts-refreshed")).ToContainTextAsync(listRead);
        // The router sends it on while the page stays open: the change arrives the same way.
        await _browser.ExpectAsync(page, Expect(row.GetByTestId("alert-status")).ToHaveTextAsync("已派转", new() { Timeout = 30_000 }));
        await ConsoleBrowser.ScreenshotAsync(page, "alerts-live");

        var blockRow = block.GetByRole(AriaRole.Row).Filter(new() { HasText = camera }).Filter(new() { HasText = "烟火" });
        await _browser.ExpectAsync(dashboard, Expect(blockRow).ToHaveCountAsync(1, new() { Timeout = 15_000 }));
        await Expect(block).ToContainTextAsync("实时推送");
    }

    [Fact]
    public async Task A_grid_leader_s_page_never_gets_another_grid_s_alert_and_video_alert_refuses_their_token_a_watch_outside_their_grid()
    {
        var (leaderCamera, otherCamera, apiKey) = await SetUpAsync();
        await using var leaderContext = await _browser.NewContextAsync();
        var leaderPage = await _browser.SignInAsync(leaderContext, "demo-grid-leader");
        await leaderPage.GotoAsync(f.BaseAddress + "console/alerts");
        await _browser.ExpectAsync(leaderPage, Expect(leaderPage.GetByTestId("alert-feed-state")).ToHaveTextAsync("实时"));
        await using var centreContext = await _browser.NewContextAsync();
        var centrePage = await _browser.SignInAsync(centreContext, "demo-centre-operator");
        await centrePage.GotoAsync(f.BaseAddress + "console/alerts");
        await _browser.ExpectAsync(centrePage, Expect(centrePage.GetByTestId("alert-feed-state")).ToHaveTextAsync("实时"));

        // Another grid's alarm reaches the centre's page; then one in the leader's grid reaches the leader's. Each page's
        // stream is fed in order, so had the first been sent to the leader, it would have arrived before the second.
        await SendAlarmAsync(apiKey, otherCamera, "flooding");
        var centreRow = centrePage.GetByTestId("alerts").GetByRole(AriaRole.Row).Filter(new() { HasText = otherCamera }).Filter(new() { HasText = "积水内涝" });
        await _browser.ExpectAsync(centrePage, Expect(centreRow).ToHaveCountAsync(1, new() { Timeout = 15_000 }));
        await SendAlarmAsync(apiKey, leaderCamera, "road_blocked");
        var leaderRow = leaderPage.GetByTestId("alerts").GetByRole(AriaRole.Row).Filter(new() { HasText = leaderCamera }).Filter(new() { HasText = "道路阻塞" });
        await _browser.ExpectAsync(leaderPage, Expect(leaderRow).ToHaveCountAsync(1, new() { Timeout = 15_000 }));
        await Expect(leaderPage.GetByTestId("alerts").GetByRole(AriaRole.Row).Filter(new() { HasText = otherCamera })).ToHaveCountAsync(0);
        await Expect(leaderPage.GetByTestId("alert-feed")).Not.ToContainTextAsync(otherCamera);

        // The console asks video-alert for the leader's own grid; asked with the leader's token for the community, video-alert
        // refuses: the scope is video-alert's check, not the console's filter.
        using var leader = await f.ApiAsAsync("demo-grid-leader", Ct);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{f.GrpcPort}");
        var client = new VideoAlertService.VideoAlertServiceClient(channel);
        var headers = new Metadata { { "authorization", "Bearer " + leader.DefaultRequestHeaders.Authorization!.Parameter } };
        using var forced = client.WatchAlerts(new WatchAlertsRequest { OrgPath = Community },
            new CallOptions(headers, DateTime.UtcNow.AddSeconds(30), Ct));
        var refused = await Assert.ThrowsAsync<RpcException>(() => forced.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    /// <summary>
    /// Cameras in the leader's grid and in another grid of its community, and a webhook source for the community, made by the
    /// demo admin (camera.manage) once per run; cameras of their own, so that no other class's alert folds these alarms in.
    /// </summary>
    private async Task<(string LeaderCamera, string OtherCamera, string ApiKey)> SetUpAsync()
    {
        await Once.WaitAsync(Ct);
        try
        {
            if (_setUp is { } done) return done;
            using var admin = await f.ApiAsAsync("demo-admin", Ct);
            var leaderCamera = await RegisterCameraAsync(admin, LeaderGrid, "实时告警测试-演示路口");
            var otherCamera = await RegisterCameraAsync(admin, OtherGrid, "实时告警测试-演示桥下");
            var source = await admin.PostAsJsonAsync("/api/videoalert/sources", new { name = "实时告警测试-分析盒", orgPath = Community }, Ct);
            var body = await source.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(source.IsSuccessStatusCode, body.ToString());
            _setUp = (leaderCamera, otherCamera, body.GetProperty("apiKey").GetString()!);
            return _setUp.Value;
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<string> RegisterCameraAsync(HttpClient admin, string gridCode, string name)
    {
        var cell = await admin.GetFromJsonAsync<JsonElement>($"/api/grid/cells/{gridCode}", Ct);
        var ring = cell.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().SkipLast(1).ToList();
        var (lng, lat) = (ring.Average(p => p[0].GetDouble()), ring.Average(p => p[1].GetDouble()));
        // Centre 8, industry 2, type 131 (camera), network 1, serial 6: serials of their own, away from the demo's and AlertsBrowserTests'.
        var camera = $"63280100001310{Random.Shared.Next(800_000, 899_999)}";
        var registered = await admin.PostAsJsonAsync("/api/videoalert/cameras",
            new { deviceId = camera, name, longitude = lng, latitude = lat, owner = "public", keyArea = false, password = "Test-Pass-2026" }, Ct);
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync(Ct));
        return camera;
    }

    private async Task SendAlarmAsync(string apiKey, string camera, string kind)
    {
        using var box = new HttpClient { BaseAddress = f.BaseAddress };
        box.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var sent = await box.PostAsJsonAsync("/api/videoalert/webhook/alarms", new
        {
            cameraId = camera, eventId = $"live-test-{Guid.NewGuid():N}"[..40], kind, priority = 2,
            occurredAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz"),
        }, Ct);
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync(Ct));
    }
}
