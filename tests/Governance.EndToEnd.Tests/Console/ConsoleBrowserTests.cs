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
public sealed class ConsoleBrowserTests(ConsoleFixture f) : IClassFixture<ConsoleFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_investigator_signs_in_with_password_and_TOTP_lands_on_the_command_centre_and_is_neither_offered_nor_given_the_incidents()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(f.BaseAddress + "console");

        // Identity's sign-in page, asked for by the console (authorization code + PKCE), in Chinese.
        await Expect(page.GetByLabel("用户名", new() { Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "sign-in");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync("demo-investigator");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(f.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByLabel("动态验证码", new() { Exact = true }).FillAsync(f.TotpNow());
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
        await ScreenshotAsync(page, "access-denied");

        // Forced at the API: the browser's cookie is no credential there (401), and a token without the permission is refused (403, in Chinese).
        var forced = await page.APIRequest.PostAsync(f.BaseAddress + $"api/grid/incidents/{Guid.NewGuid()}/register", new() { DataObject = new { } });
        Assert.Equal(401, forced.Status);
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        var incident = await ReportAsync(worker, "越权测试：井盖缺失");
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
        var id = await ReportAsync(worker, "路灯损坏：演示路 3 号");

        // The centre's operator: the command centre, the queue, the incident; registers and dispatches it.
        await using var centre = await NewContextAsync();
        var operatorPage = await SignInAsync(centre, "demo-centre-operator");
        await Expect(operatorPage.GetByTestId("today")).Not.ToHaveTextAsync("0");
        await Expect(operatorPage.Locator("#chart-states svg")).ToBeVisibleAsync();
        await ScreenshotAsync(operatorPage, "dashboard");
        var queueStarted = System.Diagnostics.Stopwatch.StartNew();
        await operatorPage.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "事件办理" }).ClickAsync();
        var row = operatorPage.GetByTestId("queue").GetByRole(AriaRole.Row).Filter(new() { HasText = "路灯损坏：演示路 3 号" });
        await Expect(row).ToContainTextAsync("已上报");
        Figure($"incident queue rendered {queueStarted.ElapsedMilliseconds} ms after the click");
        await ScreenshotAsync(operatorPage, "incidents");
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
        await using var department = await NewContextAsync();
        var handlerPage = await SignInAsync(department, "demo-department-handler");
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
        await ScreenshotAsync(operatorPage, "incident-detail");

        using var check = await f.ApiAsAsync("demo-centre-operator", Ct);
        var closed = await check.GetFromJsonAsync<JsonElement>($"/api/grid/incidents/{id}", Ct);
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        // The console refreshed its sessions' tokens on the way (the fixture refreshes before every call): identity's trail says so.
        using var auditor = await f.ApiAsAsync("demo-auditor", Ct);
        Assert.Contains("refresh_token; client console", await auditor.GetStringAsync("/api/identity/audit?action=token.issued&pageSize=500", Ct));
        Figure($"standalone host's resident memory with two console sessions open: {f.HostMemoryBytes() / 1024 / 1024} MiB");
    }

    // Figures for the note, printed with the test's output, never asserted (tests assert behaviour, not timings).
    private static void Figure(string line) => TestContext.Current.TestOutputHelper?.WriteLine("figure: " + line);

    /// <summary>Awaits a browser assertion; when it fails, the page's address and text and the host's errors go into the failure.</summary>
    private async Task ExpectAsync(IPage page, Task assertion)
    {
        try
        {
            await assertion;
        }
        catch (PlaywrightException e)
        {
            var errors = string.Join('\n', f.HostOutput.Split('\n').Where(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)).TakeLast(5));
            throw new Xunit.Sdk.XunitException($"{e.Message}\nat {page.Url}:\n{await page.InnerTextAsync("body")}\nbrowser:\n{string.Join('\n', _browserLog)}\nhost errors:\n{errors}");
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _browserLog = new();

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await f.Chromium.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1440, Height = 900 } });
        // What the browser saw go wrong, for a failing assertion's message.
        context.Console += (_, m) => { if (m.Type is "error" or "warning") _browserLog.Enqueue($"console {m.Type}: {m.Text}"); };
        context.Response += (_, r) => { if (r.Status >= 400) _browserLog.Enqueue($"{r.Status} {r.Request.Method} {r.Url}"); };
        context.RequestFailed += (_, r) => _browserLog.Enqueue($"failed {r.Method} {r.Url}: {r.Failure}");
        return context;
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string userName)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(f.BaseAddress + "console");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(f.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await ExpectAsync(page, Expect(page.GetByRole(AriaRole.Heading, new() { Name = "指挥中心", Level = 1 })).ToBeVisibleAsync());
        await Expect(page.GetByTestId("refreshed")).ToContainTextAsync("数据更新于");
        Figure($"{userName}: dashboard with its figures {started.ElapsedMilliseconds} ms after the sign-in click");
        return page;
    }

    /// <summary>Reports an incident as the worker, at the middle of their own grid (a Voronoi cell holds the mean of its corners).</summary>
    private static async Task<Guid> ReportAsync(HttpClient worker, string title)
    {
        var cell = await worker.GetFromJsonAsync<JsonElement>("/api/grid/cells/632801001001001", Ct);
        var ring = cell.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().SkipLast(1).ToList();
        var (lng, lat) = (ring.Average(p => p[0].GetDouble()), ring.Average(p => p[1].GetDouble()));
        var categories = await worker.GetFromJsonAsync<JsonElement>("/api/grid/categories", Ct);
        var category = categories.GetProperty("categories").EnumerateArray().First(c => !c.GetProperty("isDispute").GetBoolean()).GetProperty("code").GetString();
        var response = await worker.PostAsJsonAsync("/api/grid/incidents",
            new { source = "patrol", category, title, latitude = lat, longitude = lng, description = "巡查发现" }, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("incident").GetProperty("id").GetGuid();
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot(), "docs", "screenshots", $"console-{name}.png") });

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) return dir.FullName;
        throw new InvalidOperationException("Governance.sln not found above the test's folder");
    }
}
