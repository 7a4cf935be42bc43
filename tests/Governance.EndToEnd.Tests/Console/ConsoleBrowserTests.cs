using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The web console in Debian's chromium against the real standalone host: sign-in through identity's page (password and
/// TOTP), the command centre, an incident taken from report to closed by the centre and a department in their own
/// browsers, and what a user's posts do not permit neither offered nor done when forced. Each page is saved as a
/// screenshot at 1440×900 under docs/screenshots/ (linked from the README).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleFixture f)
{
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_investigator_signs_in_with_password_and_TOTP_lands_on_the_command_centre_and_is_neither_offered_nor_given_the_incidents()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(f.BaseAddress + "console");

        // Identity's sign-in page, asked for by the console (authorization code + PKCE), in Chinese.
        await Expect(page.GetByLabel("用户名", new() { Exact = true })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "sign-in");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync("demo-investigator");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(f.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByLabel("动态验证码", new() { Exact = true }).FillAsync(await f.TotpCodeAsync("demo-investigator", Ct));
        await page.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "指挥中心", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal("/console", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("演示-核查人员");
        // The browser holds one HTTP-only, SameSite cookie with a session key; the tokens stay on the server.
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "governance-console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.True(cookie.Value.Length < 1000, "the cookie holds a session key, not tokens");

        // The investigator's posts carry no incident.read: the page is not offered, and a typed URL is refused in words.
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "指挥中心" })).ToBeVisibleAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "事件办理" })).ToHaveCountAsync(0);
        await page.GotoAsync(f.BaseAddress + "console/incidents");
        await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");
        await ConsoleBrowser.ScreenshotAsync(page, "access-denied");

        // Forced at the API: the browser's cookie is no credential there (401), and a token without the permission is refused (403, in Chinese).
        var forced = await page.APIRequest.PostAsync(f.BaseAddress + $"api/grid/incidents/{Guid.NewGuid()}/register", new() { DataObject = new { } });
        Assert.Equal(401, forced.Status);
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        var incident = await ConsoleBrowser.ReportAsync(worker, "越权测试：井盖缺失");
        var refused = await worker.PostAsJsonAsync($"/api/grid/incidents/{incident}/register", new { }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("incident.register", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());

        // English on request, and signing out ends the session at identity too.
        await page.GotoAsync(f.BaseAddress + "console");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Command centre", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath.StartsWith("/connect/signin", StringComparison.Ordinal));
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "governance-console");
    }

    [Fact]
    public async Task An_incident_goes_from_report_to_closed_through_the_centre_and_the_department_each_offered_only_their_steps()
    {
        // A grid worker reports from the field (the API, as their app does).
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        var id = await ConsoleBrowser.ReportAsync(worker, "路灯损坏：演示路 3 号");

        // The centre's operator: the command centre, the queue, the incident; registers and dispatches it.
        await using var centre = await _browser.NewContextAsync();
        var operatorPage = await _browser.SignInAsync(centre, "demo-centre-operator");
        await Expect(operatorPage.GetByTestId("today")).Not.ToHaveTextAsync("0");
        await Expect(operatorPage.Locator("#chart-states svg")).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(operatorPage, "dashboard");
        var queueStarted = System.Diagnostics.Stopwatch.StartNew();
        await operatorPage.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "事件办理" }).ClickAsync();
        var row = operatorPage.GetByTestId("queue").GetByRole(AriaRole.Row).Filter(new() { HasText = "路灯损坏：演示路 3 号" });
        await Expect(row).ToContainTextAsync("已上报");
        ConsoleBrowser.Figure($"incident queue rendered {queueStarted.ElapsedMilliseconds} ms after the click");
        await Expect(row).ToContainTextAsync("网格巡查");
        await ConsoleBrowser.ScreenshotAsync(operatorPage, "incidents");
        // Narrowed to the video network's incidents, the worker's patrol report leaves the queue; back to all, it returns.
        await operatorPage.GetByLabel("来源").SelectOptionAsync("video_alert");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await operatorPage.GetByLabel("来源").SelectOptionAsync("");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(row).ToContainTextAsync("已上报");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(operatorPage.GetByTestId("state")).ToHaveTextAsync("已上报");
        // Not the department's steps: the operator is offered the centre's.
        await Expect(operatorPage.GetByRole(AriaRole.Button, new() { Name = "签收" })).ToHaveCountAsync(0);
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "立案", Exact = true }).ClickAsync();
        await Expect(operatorPage.GetByTestId("state")).ToHaveTextAsync("已立案");
        await operatorPage.GetByLabel("主办部门").SelectOptionAsync(new SelectOptionValue { Label = "演示-城市管理局" });
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "派遣" }).ClickAsync();
        await Expect(operatorPage.GetByTestId("state")).ToHaveTextAsync("已派遣");

        // The department's handler, in their own browser: their queue shows what was dispatched to them; accept and handle.
        await using var department = await _browser.NewContextAsync();
        var handlerPage = await _browser.SignInAsync(department, "demo-department-handler");
        await handlerPage.GotoAsync(f.BaseAddress + "console/incidents");
        await handlerPage.GetByTestId("queue").GetByRole(AriaRole.Row).Filter(new() { HasText = "路灯损坏：演示路 3 号" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(handlerPage.GetByRole(AriaRole.Button, new() { Name = "立案", Exact = true })).ToHaveCountAsync(0);
        await handlerPage.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await Expect(handlerPage.GetByTestId("state")).ToHaveTextAsync("处置中");
        await handlerPage.GetByLabel("意见 / 理由").FillAsync("已更换灯泡");
        await handlerPage.GetByRole(AriaRole.Button, new() { Name = "处置反馈" }).ClickAsync();
        await Expect(handlerPage.GetByTestId("state")).ToHaveTextAsync("已处置");
        await Expect(handlerPage.GetByRole(AriaRole.Button, new() { Name = "核查通过" })).ToHaveCountAsync(0);

        // Back at the centre the incident waits for verification; the grid leader verifies it first (on site, by the API),
        // so the operator's click is refused, with the rule's message in words.
        await operatorPage.ReloadAsync();
        await Expect(operatorPage.GetByTestId("state")).ToHaveTextAsync("已处置");
        using var leader = await f.ApiAsAsync("demo-grid-leader", Ct);
        Assert.True((await leader.PostAsJsonAsync($"/api/grid/incidents/{id}/verify", new { passed = true }, Ct)).IsSuccessStatusCode);
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "核查通过" }).ClickAsync();
        var problem = operatorPage.GetByRole(AriaRole.Alert);
        await Expect(problem).ToContainTextAsync("当前状态不允许此操作");
        Assert.DoesNotContain("Exception", await problem.TextContentAsync());
        await operatorPage.ReloadAsync();
        await Expect(operatorPage.GetByTestId("state")).ToHaveTextAsync("已核查");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "结案" }).ClickAsync();
        await Expect(operatorPage.GetByTestId("state")).ToHaveTextAsync("已结案");
        await Expect(operatorPage.GetByTestId("timeline")).ToContainTextAsync("已更换灯泡");
        await ConsoleBrowser.ScreenshotAsync(operatorPage, "incident-detail");

        using var check = await f.ApiAsAsync("demo-centre-operator", Ct);
        var closed = await check.GetFromJsonAsync<JsonElement>($"/api/grid/incidents/{id}", Ct);
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        // The console refreshed its sessions' tokens on the way (the fixture refreshes before every call): identity's trail says so.
        using var auditor = await f.ApiAsAsync("demo-auditor", Ct);
        Assert.Contains("refresh_token; client console", await auditor.GetStringAsync("/api/identity/audit?action=token.issued&pageSize=500", Ct));
        ConsoleBrowser.Figure($"standalone host's resident memory with two console sessions open: {f.HostMemoryBytes() / 1024 / 1024} MiB");
    }
}
