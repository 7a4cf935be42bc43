using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The console's browser tests share one standalone host and one chromium (<see cref="ConsoleFixture"/>): starting the
/// host with its demo county is the slow part, so every page's tests run in this collection, one class after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "Console";
}

/// <summary>
/// What every console browser test does: a fresh browser context at 1440×900 in Chinese that keeps what went wrong for a
/// failing assertion's message, sign-in through identity's page, screenshots for docs/screenshots/, figures for the note.
/// </summary>
public sealed class ConsoleBrowser(ConsoleFixture f)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Figures for the note, printed with the test's output, never asserted (tests assert behaviour, not timings).
    public static void Figure(string line) => TestContext.Current.TestOutputHelper?.WriteLine("figure: " + line);

    /// <summary>Awaits a browser assertion; when it fails, the page's address and text and the host's errors go into the failure.</summary>
    public async Task ExpectAsync(IPage page, Task assertion)
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

    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await f.Chromium.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1440, Height = 900 } });
        // What the browser saw go wrong, for a failing assertion's message.
        context.Console += (_, m) => { if (m.Type is "error" or "warning") _browserLog.Enqueue($"console {m.Type}: {m.Text}"); };
        context.Response += (_, r) => { if (r.Status >= 400) _browserLog.Enqueue($"{r.Status} {r.Request.Method} {r.Url}"); };
        context.RequestFailed += (_, r) => _browserLog.Enqueue($"failed {r.Method} {r.Url}: {r.Failure}");
        return context;
    }

    public async Task<IPage> SignInAsync(IBrowserContext context, string userName)
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

    /// <summary>
    /// The sign-in of a demo account whose role needs a second factor (the admin): password, then the TOTP code from the
    /// secret the demo seed printed (the fixture never gives one step's code twice).
    /// </summary>
    public async Task<IPage> SignInWithTotpAsync(IBrowserContext context, string userName)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(f.BaseAddress + "console");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(f.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByLabel("动态验证码", new() { Exact = true }).FillAsync(await f.TotpCodeAsync(userName, TestContext.Current.CancellationToken));
        await page.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();
        await ExpectAsync(page, Expect(page.GetByRole(AriaRole.Heading, new() { Name = "指挥中心", Level = 1 })).ToBeVisibleAsync());
        return page;
    }

    /// <summary>
    /// Reports an incident as the worker, at the middle of their own grid (a Voronoi cell holds the mean of its corners), in a
    /// category that is a dispute (for mediation) or, by default, one that is not.
    /// </summary>
    public static async Task<Guid> ReportAsync(HttpClient worker, string title, bool dispute = false)
    {
        var cell = await worker.GetFromJsonAsync<JsonElement>("/api/grid/cells/632801001001001", Ct);
        var ring = cell.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().SkipLast(1).ToList();
        var (lng, lat) = (ring.Average(p => p[0].GetDouble()), ring.Average(p => p[1].GetDouble()));
        var categories = await worker.GetFromJsonAsync<JsonElement>("/api/grid/categories", Ct);
        var category = categories.GetProperty("categories").EnumerateArray().First(c => c.GetProperty("isDispute").GetBoolean() == dispute).GetProperty("code").GetString();
        var response = await worker.PostAsJsonAsync("/api/grid/incidents",
            new { source = "patrol", category, title, latitude = lat, longitude = lng, description = "巡查发现" }, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("incident").GetProperty("id").GetGuid();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot(), "docs", "screenshots", $"console-{name}.png") });

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) return dir.FullName;
        throw new InvalidOperationException("Governance.sln not found above the test's folder");
    }
}
