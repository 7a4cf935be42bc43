using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Contracts.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The administration pages' changes in Debian's chromium against the real standalone host, on nodes, users and a
/// department the test makes (the demo county's own stay as they are for the other console classes): the demo admin
/// creates two communities, renames one and moves it to another street; identity's refusals of a move under the node's
/// own grid and of retiring a node with children are shown in its words; an account is disabled (and cannot sign in),
/// enabled, given a one-time password shown once (which then signs in and must be replaced) and a new TOTP key; a
/// department is created, renamed and retired; grid's escalation rules are edited, a duplicate refused naming the rule,
/// and saved as new versions. A grid worker is offered none of it and identity refuses each change forced with their token.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class AdministrationWriteBrowserTests(ConsoleFixture f)
{
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_admin_renames_moves_and_retires_nodes_manages_accounts_and_departments_and_edits_the_escalation_rules()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await SignInAsAdminAsync(context);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "系统管理" }).ClickAsync();
        var tree = page.GetByTestId("org-tree");
        var actions = page.GetByTestId("node-actions");
        await _browser.ExpectAsync(page, Expect(tree.GetByRole(AriaRole.Button, new() { Name = "演示街道", Exact = true })).ToBeVisibleAsync());
        ConsoleBrowser.Figure($"administration (org tree) rendered {started.ElapsedMilliseconds} ms after the click");

        // Two new communities under the first street, made here (codes never given before in this host's tree).
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var codeA = Random.Shared.Next(300, 450).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var codeB = Random.Shared.Next(450, 600).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (nameA, renamedA, nameB) = ($"测试社区甲{suffix}", $"测试社区甲改{suffix}", $"测试社区乙{suffix}");
        await tree.GetByRole(AriaRole.Button, new() { Name = "演示街道", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("selected-org")).ToContainTextAsync("演示街道（632801/001）");
        foreach (var (code, name) in new[] { (codeA, nameA), (codeB, nameB) })
        {
            await actions.GetByLabel("下级代码").FillAsync(code);
            await actions.GetByLabel("下级名称").FillAsync(name);
            await actions.GetByRole(AriaRole.Button, new() { Name = "新建下级组织" }).ClickAsync();
            await _browser.ExpectAsync(page, Expect(page.GetByTestId("node-notice")).ToContainTextAsync($"已新建 {name}（632801/001/{code}）"));
            await Expect(tree.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        // Rename: the tree shows the new name.
        await tree.GetByRole(AriaRole.Button, new() { Name = nameA, Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("selected-org")).ToContainTextAsync($"632801/001/{codeA}");
        await actions.GetByLabel("新名称").FillAsync(renamedA);
        await actions.GetByRole(AriaRole.Button, new() { Name = "保存名称" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(tree.GetByRole(AriaRole.Button, new() { Name = renamedA, Exact = true })).ToBeVisibleAsync());
        await Expect(tree.GetByRole(AriaRole.Button, new() { Name = nameA, Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("selected-org")).ToContainTextAsync(renamedA);

        // Move to the second street, after a confirmation: the tree opens it there, with its new path.
        await actions.GetByLabel("新上级（代码路径）").FillAsync("632801/002");
        await actions.GetByRole(AriaRole.Button, new() { Name = "迁移…" }).ClickAsync();
        await Expect(page.GetByTestId("node-confirm")).ToContainTextAsync($"632801/002/{codeA}");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认迁移" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("node-notice")).ToContainTextAsync($"已迁移到 632801/002/{codeA}"));
        await Expect(page.GetByTestId("selected-org")).ToContainTextAsync($"{renamedA}（632801/002/{codeA}）");
        await Expect(tree.GetByRole(AriaRole.Button, new() { Name = "收起 演示街道2", Exact = true })).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(tree).ToContainTextAsync($"632801/002/{codeA}");
        await Expect(tree).Not.ToContainTextAsync($"632801/001/{codeA}");

        // Community B gets a grid; moving B under its own grid and retiring B while the grid stands are refused in identity's words.
        await tree.GetByRole(AriaRole.Button, new() { Name = nameB, Exact = true }).ClickAsync();
        await actions.GetByLabel("下级代码").FillAsync("001");
        await actions.GetByLabel("下级名称").FillAsync($"测试网格{suffix}");
        await actions.GetByRole(AriaRole.Button, new() { Name = "新建下级组织" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(tree.GetByRole(AriaRole.Button, new() { Name = $"测试网格{suffix}", Exact = true })).ToBeVisibleAsync());
        await actions.GetByLabel("新上级（代码路径）").FillAsync($"632801/001/{codeB}/001");
        await actions.GetByRole(AriaRole.Button, new() { Name = "迁移…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认迁移" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(actions.GetByTestId("problem")).ToContainTextAsync("紧邻的上一层级"));
        await Expect(page.GetByTestId("selected-org")).ToContainTextAsync($"632801/001/{codeB}");
        await actions.GetByRole(AriaRole.Button, new() { Name = "撤销此组织…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认撤销" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(actions.GetByTestId("problem")).ToContainTextAsync($"节点 632801/001/{codeB} 仍有下级节点"));

        // The empty grid is retired, and leaves the tree.
        await tree.GetByRole(AriaRole.Button, new() { Name = $"测试网格{suffix}", Exact = true }).ClickAsync();
        await actions.GetByRole(AriaRole.Button, new() { Name = "撤销此组织…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认撤销" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("retired-notice")).ToContainTextAsync($"已撤销 测试网格{suffix}"));
        await Expect(tree.GetByRole(AriaRole.Button, new() { Name = $"测试网格{suffix}", Exact = true })).ToHaveCountAsync(0);

        // An account at B: disabled (after a confirmation), it cannot sign in.
        await tree.GetByRole(AriaRole.Button, new() { Name = nameB, Exact = true }).ClickAsync();
        var userName = "write-test-" + suffix;
        const string initialPassword = "Initial-Pass-2026x";
        await page.GetByLabel("新用户名").FillAsync(userName);
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("测试-停用与重置");
        await page.GetByLabel("初始密码").FillAsync(initialPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "创建用户" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync($"已创建用户 {userName}"));
        var row = page.GetByTestId("users").GetByRole(AriaRole.Row).Filter(new() { HasText = userName });
        await row.GetByRole(AriaRole.Button, new() { Name = $"停用 {userName}" }).ClickAsync();
        await Expect(page.GetByTestId("user-confirm")).ToContainTextAsync("无法再登录");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认停用" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync($"已停用 {userName}"));
        await Expect(row).ToContainTextAsync("已停用");
        await using (var refused = await _browser.NewContextAsync())
        {
            var own = await refused.NewPageAsync();
            await own.GotoAsync(f.BaseAddress + "console");
            await own.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
            await own.GetByLabel("密码", new() { Exact = true }).FillAsync(initialPassword);
            await own.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await _browser.ExpectAsync(own, Expect(own.GetByRole(AriaRole.Alert)).ToBeVisibleAsync());
            ConsoleBrowser.Figure($"identity's sign-in page to the disabled account: {await own.GetByRole(AriaRole.Alert).InnerTextAsync()}");
            await Expect(own.GetByLabel("新密码", new() { Exact = true })).ToHaveCountAsync(0);
            await Expect(own.GetByRole(AriaRole.Heading, new() { Name = "指挥中心", Level = 1 })).ToHaveCountAsync(0);
        }

        // Enabled again, then a password reset: a one-time password shown once, which signs in and must be replaced.
        await row.GetByRole(AriaRole.Button, new() { Name = $"启用 {userName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认启用" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync($"已启用 {userName}"));
        await row.GetByRole(AriaRole.Button, new() { Name = $"重置 {userName} 的密码" }).ClickAsync();
        await Expect(page.GetByTestId("user-confirm")).ToContainTextAsync("下次登录时须设置自己的密码");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认重置密码" }).ClickAsync();
        var shown = page.GetByTestId("one-time-password");
        await _browser.ExpectAsync(page, Expect(shown).ToContainTextAsync("仅显示这一次"));
        var oneTime = await shown.Locator("code").InnerTextAsync();
        Assert.Matches("^[A-Za-z0-9]{16}$", oneTime);
        await ConsoleBrowser.ScreenshotAsync(page, "admin-write");
        await using (var newcomer = await _browser.NewContextAsync())
        {
            var own = await newcomer.NewPageAsync();
            await own.GotoAsync(f.BaseAddress + "console");
            await own.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
            await own.GetByLabel("密码", new() { Exact = true }).FillAsync(oneTime);
            await own.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await _browser.ExpectAsync(own, Expect(own.GetByLabel("新密码", new() { Exact = true })).ToBeVisibleAsync());
            await own.GetByLabel("新密码", new() { Exact = true }).FillAsync("Own-Choice-Pass-2026");
            await own.GetByLabel("再次输入新密码", new() { Exact = true }).FillAsync("Own-Choice-Pass-2026");
            await own.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();
            await _browser.ExpectAsync(own, Expect(own.GetByRole(AriaRole.Heading, new() { Name = "指挥中心", Level = 1 })).ToBeVisibleAsync());
        }

        // The next action takes the one-time password off the page; a TOTP reset shows the new key once.
        await row.GetByRole(AriaRole.Button, new() { Name = $"重置 {userName} 的动态验证码" }).ClickAsync();
        await Expect(shown).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认重置动态验证码" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("totp-reset")).ToContainTextAsync("otpauth://totp/"));

        // Departments: one created at the moved community, renamed, retired.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "系统管理导航" }).GetByRole(AriaRole.Link, new() { Name = "部门" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("departments")).ToContainTextAsync("演示-城市管理局"));
        var (departmentName, departmentRenamed) = ($"测试部门{suffix}", $"测试部门改{suffix}");
        await page.GetByLabel("部门所在组织（代码路径）").FillAsync($"632801/002/{codeA}");
        await page.GetByLabel("部门代码").FillAsync("test-" + suffix);
        await page.GetByLabel("部门名称").FillAsync(departmentName);
        await page.GetByLabel("部门类型").SelectOptionAsync(new SelectOptionValue { Label = "民政" });
        await page.GetByRole(AriaRole.Button, new() { Name = "创建部门" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync($"已创建部门 {departmentName}"));
        var department = page.GetByTestId("departments").GetByRole(AriaRole.Row).Filter(new() { HasText = "test-" + suffix });
        await Expect(department).ToContainTextAsync($"632801/002/{codeA}");
        await department.GetByRole(AriaRole.Button, new() { Name = $"更名 {departmentName}" }).ClickAsync();
        await page.GetByLabel("部门新名称").FillAsync(departmentRenamed);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存部门名称" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(department).ToContainTextAsync(departmentRenamed));
        await department.GetByRole(AriaRole.Button, new() { Name = $"撤销 {departmentRenamed}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认撤销部门" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(department).ToContainTextAsync("已撤销"));

        // Escalation rules: two identical new rules are refused naming the second, the version stays; one is saved as a new
        // version, then taken out again (another version), so the demo county's rules end as they began.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "系统管理导航" }).GetByRole(AriaRole.Link, new() { Name = "规则与日历" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("escalation")).ToBeVisibleAsync());
        var versionBefore = await RulesVersionAsync(page);
        var rulesBefore = await page.GetByTestId("escalation").Locator("tbody tr").CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "编辑超时上报规则" }).ClickAsync();
        var form = page.GetByTestId("escalation-form");
        for (var n = rulesBefore + 1; n <= rulesBefore + 2; n++)
        {
            await form.GetByRole(AriaRole.Button, new() { Name = "添加一条超时上报规则" }).ClickAsync();
            await form.GetByLabel($"超时上报规则第 {n} 条 层级").SelectOptionAsync(new SelectOptionValue { Label = "网格" });
            await form.GetByLabel($"超时上报规则第 {n} 条 紧急程度").SelectOptionAsync(new SelectOptionValue { Label = "特急" });
            await form.GetByLabel($"超时上报规则第 {n} 条 超时环节").SelectOptionAsync(new SelectOptionValue { Label = "核查" });
        }
        await form.GetByLabel("超时上报规则修改说明").FillAsync("控制台测试：重复的规则");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存超时上报规则为新版本" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(form.GetByTestId("problem")).ToContainTextAsync("重复"));
        await Expect(form.GetByTestId("problem-field")).ToContainTextAsync($"超时上报规则第 {rulesBefore + 2} 条");
        await Expect(form.GetByLabel($"超时上报规则第 {rulesBefore + 2} 条 层级")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(versionBefore, await RulesVersionAsync(page));

        await form.GetByRole(AriaRole.Button, new() { Name = $"删除第 {rulesBefore + 2} 条超时上报规则" }).ClickAsync();
        await form.GetByLabel("超时上报规则修改说明").FillAsync("控制台测试：网格特急事件核查超时上报");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存超时上报规则为新版本" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync("已保存：规则版本"));
        var versionAdded = await RulesVersionAsync(page);
        Assert.True(versionAdded > versionBefore, $"{versionAdded} after {versionBefore}");
        await Expect(page.GetByTestId("escalation").Locator("tbody tr")).ToHaveCountAsync(rulesBefore + 1);
        await Expect(page.GetByTestId("escalation").Locator("tbody tr").Last).ToContainTextAsync("网格");

        // Grid answers the same document: the new rule is in the version in effect.
        using (var admin = await f.ApiAsAsync("demo-admin", Ct))
        {
            var rules = await admin.GetFromJsonAsync<JsonElement>("/api/grid/rules", Ct);
            Assert.Equal(versionAdded, rules.GetProperty("version").GetProperty("version").GetInt32());
            Assert.Contains(rules.GetProperty("rules").GetProperty("escalationRules").EnumerateArray(), r =>
                r.GetProperty("orgLevel").GetString() == "grid" && r.GetProperty("urgency").GetString() == "critical" && r.GetProperty("step").GetString() == "verify");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "编辑超时上报规则" }).ClickAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = $"删除第 {rulesBefore + 1} 条超时上报规则" }).ClickAsync();
        await form.GetByLabel("超时上报规则修改说明").FillAsync("控制台测试：恢复");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存超时上报规则为新版本" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync("已保存：规则版本"));
        Assert.True(await RulesVersionAsync(page) > versionAdded);
        await Expect(page.GetByTestId("escalation").Locator("tbody tr")).ToHaveCountAsync(rulesBefore);
    }

    [Fact]
    public async Task A_grid_worker_is_offered_none_of_the_changes_and_identity_refuses_each_when_forced()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-grid-worker");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "系统管理" })).ToHaveCountAsync(0);
        await page.GotoAsync(f.BaseAddress + "console/admin/departments");
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "创建部门" })).ToHaveCountAsync(0);

        // Forced with the worker's own token: identity answers 403 to every change, and the worker's grid keeps its name.
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        var own = (await worker.GetFromJsonAsync<JsonElement>("/api/identity/org-nodes", Ct))[0];
        var (nodeId, nodeName, nodePath) = (own.GetProperty("id").GetGuid(), own.GetProperty("name").GetString(), own.GetProperty("path").GetString()!);
        var parent = nodePath[..nodePath.LastIndexOf('/')];
        var attempts = new (string Path, object Body)[]
        {
            ($"/api/identity/org-nodes/{nodeId}/rename", new { name = "越权改名" }),
            ($"/api/identity/org-nodes/{nodeId}/move", new { newParentPath = parent, newCode = "999" }),
            ($"/api/identity/org-nodes/{nodeId}/retire", new { }),
            ("/api/identity/org-nodes", new { parentPath = nodePath[..nodePath.LastIndexOf('/')], code = "998", name = "越权新建", level = "grid" }),
            ($"/api/identity/users/{DemoUsers.GridWorker}/disable", new { }),
            ($"/api/identity/users/{DemoUsers.CareWorker}/password", new { password = "Forced-Pass-2026x" }),
            ($"/api/identity/users/{DemoUsers.CareWorker}/totp", new { }),
            ("/api/identity/departments", new { orgPath = nodePath, code = "forced", name = "越权部门", kind = "other" }),
        };
        foreach (var (path, body) in attempts)
        {
            var response = await worker.PostAsJsonAsync(path, body, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
        var after = await worker.GetFromJsonAsync<JsonElement>($"/api/identity/org-nodes/{nodeId}", Ct);
        Assert.Equal(nodeName, after.GetProperty("name").GetString());
        Assert.Equal(nodePath, after.GetProperty("path").GetString());
    }

    private static async Task<int> RulesVersionAsync(IPage page) =>
        int.Parse(VersionPattern().Match(await page.GetByTestId("rules-version").InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"规则版本 (\d+)")]
    private static partial Regex VersionPattern();

    private Task<IPage> SignInAsAdminAsync(IBrowserContext context) => _browser.SignInWithTotpAsync(context, "demo-admin");
}
