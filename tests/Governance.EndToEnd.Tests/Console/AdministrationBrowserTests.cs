using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Governance.Identity.SignIn;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The administration pages (系统管理) in Debian's chromium against the real standalone host: the demo admin walks the
/// org tree to a community, creates a user there and gives them a post, and that user signs in (the initial password, then
/// one of their own, since the admin knows the first); the admin edits a category's deadlines, sees a bad value
/// refused with its field named, and saves a good one as a new rules version. A grid worker is not offered the pages,
/// is refused them in words when typed in, and the services refuse the admin calls when forced.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AdministrationBrowserTests(ConsoleFixture f)
{
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_admin_walks_the_org_tree_creates_a_user_with_a_post_who_then_signs_in_and_a_bad_deadline_is_refused_naming_its_field()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await SignInAsAdminAsync(context);

        // The org tree, reached from the main navigation, opens at the admin's own node (the county).
        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "系统管理" }).ClickAsync();
        var tree = page.GetByTestId("org-tree");
        await _browser.ExpectAsync(page, Expect(tree.GetByRole(AriaRole.Button, new() { Name = "展开 演示街道", Exact = true })).ToBeVisibleAsync());
        ConsoleBrowser.Figure($"administration (org tree) rendered {started.ElapsedMilliseconds} ms after the click");

        // Keyboard-usable tree: an expand button with aria-expanded, then the community's own button selects it.
        var street = tree.GetByRole(AriaRole.Button, new() { Name = "展开 演示街道", Exact = true });
        await Expect(street).ToHaveAttributeAsync("aria-expanded", "false");
        await street.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(tree.GetByRole(AriaRole.Button, new() { Name = "收起 演示街道", Exact = true })).ToHaveAttributeAsync("aria-expanded", "true");
        await tree.GetByRole(AriaRole.Button, new() { Name = "演示社区001-1", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("selected-org")).ToContainTextAsync("演示社区001-1");
        await Expect(page.GetByTestId("users")).ToContainTextAsync("demo-mediator");

        // A new user at the community, then a post for them there.
        var userName = "admin-test-" + Guid.NewGuid().ToString("N")[..8];
        const string initialPassword = "Initial-Pass-2026x";
        await page.GetByLabel("新用户名").FillAsync(userName);
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("测试-新调解员");
        await page.GetByLabel("初始密码").FillAsync(initialPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "创建用户" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync($"已创建用户 {userName}"));
        await Expect(page.GetByLabel("用户", new() { Exact = true })).Not.ToHaveValueAsync("");
        await page.GetByLabel("角色", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "调解员" });
        await page.GetByRole(AriaRole.Button, new() { Name = "授予岗位", Exact = true }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync($"已授予 {userName} 岗位：调解员@"));
        var row = page.GetByTestId("users").GetByRole(AriaRole.Row).Filter(new() { HasText = userName });
        await Expect(row).ToContainTextAsync("调解员 @");
        await ConsoleBrowser.ScreenshotAsync(page, "admin-orgs");

        // The new user signs in with the password the admin gave, and identity asks for one of their own before the console
        // opens (the admin knows the first); a mediator's post needs no second factor.
        await using (var newcomer = await _browser.NewContextAsync())
        {
            var own = await newcomer.NewPageAsync();
            await own.GotoAsync(f.BaseAddress + "console");
            await own.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
            await own.GetByLabel("密码", new() { Exact = true }).FillAsync(initialPassword);
            await own.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await _browser.ExpectAsync(own, Expect(own.GetByLabel("新密码", new() { Exact = true })).ToBeVisibleAsync());
            await own.GetByLabel("新密码", new() { Exact = true }).FillAsync("Own-Choice-Pass-2026");
            await own.GetByLabel("再次输入新密码", new() { Exact = true }).FillAsync("Own-Choice-Pass-2026");
            await own.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();
            await _browser.ExpectAsync(own, Expect(own.GetByRole(AriaRole.Heading, new() { Name = "指挥中心", Level = 1 })).ToBeVisibleAsync());
            await Expect(own.GetByTestId("user-name")).ToHaveTextAsync("测试-新调解员");
            await Expect(own.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "系统管理" })).ToHaveCountAsync(0);
        }

        // The post ends at the admin's click: the user keeps the account, without the post.
        await page.GetByRole(AriaRole.Button, new() { Name = $"结束 {userName} 的岗位 调解员@632801/001/001" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync($"已结束 {userName} 的岗位"));
        await Expect(row).Not.ToContainTextAsync("调解员 @");

        // Roles and their permissions, read from identity.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "系统管理导航" }).GetByRole(AriaRole.Link, new() { Name = "角色与权限" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("roles").GetByRole(AriaRole.Row).Filter(new() { HasText = "调解员" })).ToContainTextAsync("mediation.read"));

        // Rules as data: a category's deadline; a bad value is refused by grid with the field named in words.
        started.Restart();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "系统管理导航" }).GetByRole(AriaRole.Link, new() { Name = "规则与日历" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("categories")).ToContainTextAsync("公共设施"));
        ConsoleBrowser.Figure($"administration (rules) rendered {started.ElapsedMilliseconds} ms after the click");
        var versionBefore = await page.GetByTestId("rules-version").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "编辑公共设施的时限" }).ClickAsync();
        var registerNormal = page.GetByLabel("公共设施 一般·立案 时限（分钟）");
        var minutes = int.Parse(await registerNormal.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await registerNormal.FillAsync("0");
        await page.GetByLabel("修改说明").FillAsync("控制台测试：错误的时限");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("problem")).ToContainTextAsync("输入有误"));
        await Expect(page.GetByTestId("problem-field")).ToContainTextAsync("公共设施 一般·立案 时限（分钟）");
        await Expect(registerNormal).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(versionBefore, await page.GetByTestId("rules-version").InnerTextAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "admin-rules");

        await registerNormal.FillAsync((minutes + 15).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("修改说明").FillAsync("控制台测试：立案时限放宽 15 分钟");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync("已保存：规则版本"));
        await Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "编辑公共设施的时限" }).ClickAsync();
        await Expect(page.GetByLabel("公共设施 一般·立案 时限（分钟）")).ToHaveValueAsync((minutes + 15).ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The calendars: the national one shows the State Council's 2026 days.
        await page.GetByLabel("年份").FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Expect(page.GetByTestId("calendar-days")).ToContainTextAsync("2026-10-01");
    }

    [Fact]
    public async Task A_grid_worker_is_not_offered_the_administration_and_is_refused_it_when_forced()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-grid-worker");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "系统管理" })).ToHaveCountAsync(0);
        foreach (var path in new[] { "console/admin", "console/admin/roles", "console/admin/rules" })
        {
            await page.GotoAsync(f.BaseAddress + path);
            await _browser.ExpectAsync(page, Expect(page.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面"));
        }

        // Forced at the services with the worker's own token: identity and grid refuse (403).
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        var created = await worker.PostAsJsonAsync("/api/identity/users",
            new { userName = "forced-by-worker", displayName = "越权", orgPath = "632801", roles = Array.Empty<string>(), password = "Forced-Pass-2026x" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        var rules = await worker.PutAsJsonAsync("/api/grid/rules", new { baseVersion = 1, categories = Array.Empty<object>(), escalationRules = Array.Empty<object>() }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, rules.StatusCode);
        var grant = await worker.PostAsJsonAsync($"/api/identity/users/{Guid.NewGuid()}/posts", new { role = "admin", orgPath = "632801" }, Ct);
        Assert.True(grant.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{grant.StatusCode}");
    }

    private Task<IPage> SignInAsAdminAsync(IBrowserContext context) => _browser.SignInWithTotpAsync(context, "demo-admin");
}
