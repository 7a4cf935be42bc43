using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The console's people-and-houses write screens in chromium against the standalone host's demo county: a grid worker
/// registers a room under a demo unit, a person into it (a wrong GB 11643 check character refused in words beside the
/// field), their household and the room as a rental, inspects it and sees the grade with the rule that matched; the
/// investigator finds the person masked. The care worker records a visit on their own case; the auditor sees readers by
/// name in both access logs; a user without population.register is offered none of the forms and refused when forcing one.
/// Every record written is the test's own (a new room, a made-up person), so the other console classes see the demo as seeded.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PeopleWriteBrowserTests(ConsoleFixture f)
{
    private const string GridOrg = "632801/001/001/001";
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_grid_worker_registers_a_room_a_person_in_it_their_household_and_a_rental_and_the_investigator_finds_the_person_masked()
    {
        await WaitForPopulationSeedAsync();
        var tag = Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var room = "测试房" + tag;
        var name = "测试登记" + tag;
        var number = ResidentId();
        var wrong = number[..17] + (number[17] == '1' ? '2' : '1');

        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-grid-worker");
        await page.GotoAsync(f.BaseAddress + "console/people/houses");
        var houses = await OpenFirstUnitAsync(page);

        // A room under the demo unit: the form is the unit's, a room its only kind.
        await page.GetByLabel("编码", new() { Exact = true }).FillAsync("T" + tag);
        await page.GetByLabel("名称", new() { Exact = true }).FillAsync(room);
        await page.GetByLabel("居住情况", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "空置" });
        await page.GetByRole(AriaRole.Button, new() { Name = "登记房屋" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("house-notice")).ToContainTextAsync($"已登记房屋 {room}"));
        await houses.GetByRole(AriaRole.Button, new() { Name = room }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"在 {room} 登记人员" }).ClickAsync();

        // The person: a wrong check character is population's refusal, in words beside the number, the input marked invalid.
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("register-house")).ToContainTextAsync(room));
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("证件号码", new() { Exact = true }).FillAsync(wrong);
        await page.GetByLabel("联系电话", new() { Exact = true }).FillAsync("13912345678");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        var numberInput = page.GetByLabel("证件号码", new() { Exact = true });
        await _browser.ExpectAsync(page, Expect(page.Locator("#person-document-number-problem")).ToContainTextAsync($"校验码应为{number[17]}"));
        await Expect(numberInput).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("姓名", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "false");
        await ConsoleBrowser.ScreenshotAsync(page, "people-register");

        await numberInput.FillAsync(number);
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync($"已登记：{name}"));
        await Expect(page.GetByTestId("notice")).ToContainTextAsync($"已迁入 {room}");
        Assert.DoesNotContain(number, await page.InnerTextAsync("body"));

        // Back at the room: its residents (after a purpose), a household headed by the person, the room let as a rental.
        await page.GotoAsync(f.BaseAddress + "console/people/houses");
        houses = await OpenFirstUnitAsync(page);
        await houses.GetByRole(AriaRole.Button, new() { Name = room }).ClickAsync();
        await page.GetByLabel("查询目的").SelectOptionAsync(new SelectOptionValue { Label = "入户服务" });
        await page.GetByRole(AriaRole.Button, new() { Name = "查看住户" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("residents")).ToContainTextAsync(name));
        var masked = $"{name}（632801********{number[^4..]}）";
        await page.GetByLabel("户号", new() { Exact = true }).FillAsync("T-" + tag);
        await page.GetByLabel("户主（先查看住户）").SelectOptionAsync(new SelectOptionValue { Label = masked });
        await page.GetByRole(AriaRole.Button, new() { Name = "登记户" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("house-notice")).ToContainTextAsync($"已登记户 T-{tag}"));
        await Expect(page.GetByTestId("households")).ToContainTextAsync("T-" + tag);

        await page.GetByRole(AriaRole.Button, new() { Name = "查看住户" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("residents")).ToContainTextAsync(name));
        await page.GetByLabel("房东（先查看住户）").SelectOptionAsync(new SelectOptionValue { Label = masked });
        await page.GetByLabel("核定居住人数").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记出租房屋" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("house-notice")).ToContainTextAsync($"已登记 {room} 为出租房屋"));

        // The person's record, read after a purpose, edited on the version read: a new phone.
        await page.GetByRole(AriaRole.Link, new() { Name = $"维护{name}的信息" }).ClickAsync();
        await page.GetByLabel("查询目的").SelectOptionAsync(new SelectOptionValue { Label = "信息核对更正" });
        await page.GetByRole(AriaRole.Button, new() { Name = "查看人员" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name}（632801********{number[^4..]}）" })).ToBeVisibleAsync());
        await page.GetByLabel("联系电话", new() { Exact = true }).FillAsync("13900001111");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("notice")).ToContainTextAsync("已保存（版本"));

        // The rental inspected with blocked fire exits: graded 严管 by the rule that matched, with the rules version.
        await page.GetByRole(AriaRole.Link, new() { Name = "出租房屋" }).ClickAsync();
        var row = page.GetByTestId("rentals").GetByRole(AriaRole.Row).Filter(new() { HasText = room });
        await _browser.ExpectAsync(page, Expect(row).ToContainTextAsync("未检查"));
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByLabel("消防通道堵塞").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "记录检查并定级" }).ClickAsync();
        var graded = page.GetByTestId("graded");
        await _browser.ExpectAsync(page, Expect(graded).ToContainTextAsync("定级：严管"));
        await Expect(graded).ToContainTextAsync("依据：消防通道堵塞（规则第");
        await Expect(row).ToContainTextAsync("严管");
        await ConsoleBrowser.ScreenshotAsync(page, "people-rental-inspect");

        // The investigator looks the number up: masked, living in the new room.
        await using var investigation = await _browser.NewContextAsync();
        var investigator = await SignInInvestigatorAsync(investigation);
        await investigator.GotoAsync(f.BaseAddress + "console/people");
        await investigator.GetByLabel("查询目的").First.SelectOptionAsync(new SelectOptionValue { Label = "身份核验" });
        await investigator.GetByLabel("证件号码", new() { Exact = true }).FillAsync(number);
        await investigator.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        var card = investigator.GetByTestId("person-card");
        await _browser.ExpectAsync(investigator, Expect(card.GetByTestId("document-number")).ToHaveTextAsync($"632801********{number[^4..]}"));
        await Expect(card.GetByTestId("phone")).ToHaveTextAsync("139****1111");
        await Expect(card.GetByTestId("current-house")).ToContainTextAsync(room);
        await Expect(card.GetByTestId("household")).ToContainTextAsync("T-" + tag);
    }

    [Fact]
    public async Task The_care_worker_records_a_visit_on_their_own_case_and_nobody_else_can()
    {
        await WaitForPopulationSeedAsync();
        await using var care = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(care, "demo-care-worker");
        await page.GotoAsync(f.BaseAddress + "console/people/care");
        await page.GetByLabel("查询目的").SelectOptionAsync(new SelectOptionValue { Label = "入户服务" });
        await page.GetByRole(AriaRole.Button, new() { Name = "查看我的个案" }).ClickAsync();
        var cases = page.GetByTestId("care-cases");
        await _browser.ExpectAsync(page, Expect(cases).ToContainTextAsync("留守儿童"));
        await cases.GetByRole(AriaRole.Row).Filter(new() { HasText = "留守儿童" }).GetByRole(AriaRole.Link).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("care-case")).ToContainTextAsync("留守儿童"));
        var caseId = Guid.Parse(page.Url.Split('/')[^1].Split('?')[0]);

        // Findings left empty: population's refusal beside the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByLabel("走访情况")).ToHaveAttributeAsync("aria-invalid", "true"));
        await Expect(page.Locator("#visit-findings-problem")).Not.ToBeEmptyAsync();

        var findings = "测试走访 " + Guid.NewGuid().ToString("n")[..8];
        await page.GetByLabel("走访方式").SelectOptionAsync(new SelectOptionValue { Label = "电话联系" });
        await page.GetByLabel("走访情况").FillAsync(findings);
        await page.GetByLabel("下一步（可不填）").FillAsync("下周入户");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("visit-recorded")).ToContainTextAsync("已保存走访"));
        await Expect(page.GetByTestId("visits").GetByRole(AriaRole.Row).Filter(new() { HasText = findings })).ToContainTextAsync("电话联系");

        // Anyone else: the grid worker's forced visit is answered as if the case did not exist; the page is refused in words.
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        var forced = await worker.PostAsJsonAsync($"/api/population/care/cases/{caseId}/visits",
            new { requestId = Guid.NewGuid().ToString("n"), visitedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), kind = "home", findings = "forced" }, Ct);
        Assert.True(forced.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, forced.StatusCode.ToString());
        await using var other = await _browser.NewContextAsync();
        var otherPage = await _browser.SignInAsync(other, "demo-grid-worker");
        await otherPage.GotoAsync(f.BaseAddress + $"console/people/care/{caseId}");
        await Expect(otherPage.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");
        await Expect(otherPage.GetByLabel("走访情况")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_auditor_sees_readers_by_name_in_the_access_log_and_the_care_case_read_log()
    {
        await WaitForPopulationSeedAsync();
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        var number = ResidentId();
        var registered = await worker.PostAsJsonAsync("/api/population/persons", new
        {
            name = "测试读者", documentType = "resident_id", documentNumber = number, residence = new { status = "registered" }, orgPath = GridOrg,
        }, Ct);
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync(Ct));
        var person = (await registered.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.True((await worker.GetAsync($"/api/population/persons/{person}?purpose=service_delivery", Ct)).IsSuccessStatusCode);
        using var careWorker = await f.ApiAsAsync("demo-care-worker", Ct);
        Assert.True((await careWorker.GetAsync("/api/population/care/cases?purpose=service_delivery&purposeNote=read-log-test", Ct)).IsSuccessStatusCode);

        await using var audit = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(audit, "demo-auditor");
        await page.GotoAsync(f.BaseAddress + "console/people/access-log");
        await page.GetByLabel("人员编号").FillAsync(person.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        var reader = page.GetByTestId("access-log").GetByTestId("reader").First;
        await _browser.ExpectAsync(page, Expect(reader).ToContainTextAsync("（demo-grid-worker）"));
        Assert.DoesNotContain(Contracts.Demo.DemoUsers.GridWorker.ToString(), await page.GetByTestId("access-log").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "关爱个案访问日志" }).ClickAsync();
        var reads = page.GetByTestId("care-reads").GetByRole(AriaRole.Row).Filter(new() { HasText = "read-log-test" }).First;
        await _browser.ExpectAsync(page, Expect(reads).ToContainTextAsync("（demo-care-worker）"));
        await Expect(reads).ToContainTextAsync("列表"); // the action in words, not population's code "list"
        await ConsoleBrowser.ScreenshotAsync(page, "people-care-reads");
    }

    [Fact]
    public async Task A_user_without_population_register_is_offered_no_form_and_is_refused_when_forcing_one()
    {
        await WaitForPopulationSeedAsync();
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-care-worker");
        await page.GotoAsync(f.BaseAddress + "console/people/houses");
        var houses = page.GetByTestId("houses");
        await _browser.ExpectAsync(page, Expect(houses).ToBeVisibleAsync());
        await houses.GetByRole(AriaRole.Button).First.ClickAsync();
        await _browser.ExpectAsync(page, Expect(houses.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("楼栋"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登记房屋" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "出租房屋" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("rentals")).ToBeVisibleAsync());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "检查/续签" })).ToHaveCountAsync(0);
        await page.GotoAsync(f.BaseAddress + "console/people/person/new");
        await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");
        await Expect(page.GetByLabel("证件号码", new() { Exact = true })).ToHaveCountAsync(0);

        using var careWorker = await f.ApiAsAsync("demo-care-worker", Ct);
        var forced = await careWorker.PostAsJsonAsync("/api/population/persons", new
        {
            name = "强行登记", documentType = "resident_id", documentNumber = ResidentId(), residence = new { status = "registered" }, orgPath = "632801/001/001",
        }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
    }

    /// <summary>Opens the first compound, its first building and that building's first unit; the houses table then lists the unit's rooms.</summary>
    private async Task<ILocator> OpenFirstUnitAsync(IPage page)
    {
        var houses = page.GetByTestId("houses");
        await _browser.ExpectAsync(page, Expect(houses).ToContainTextAsync("小区/院落"));
        foreach (var kind in new[] { "楼栋", "单元", "房间" })
        {
            await houses.GetByRole(AriaRole.Button).First.ClickAsync();
            await _browser.ExpectAsync(page, Expect(houses.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync(kind));
        }
        return houses;
    }

    private Task<IPage> SignInInvestigatorAsync(IBrowserContext context) => _browser.SignInWithTotpAsync(context, "demo-investigator");

    private async Task WaitForPopulationSeedAsync()
    {
        for (var i = 0; i < 1800 && !f.HostOutput.Contains("Population DEMO seed:", StringComparison.Ordinal); i++) await Task.Delay(100, Ct);
        Assert.Contains("Population DEMO seed:", f.HostOutput);
    }

    /// <summary>
    /// A made-up resident ID (demo data only, clearly synthetic): under 632801 (the demo county's code), a real birth date,
    /// a random sequence, and the GB 11643 check character computed over the first 17 digits (ISO 7064 MOD 11-2).
    /// </summary>
    private static string ResidentId()
    {
        var born = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 20000));
        var body = $"632801{born:yyyyMMdd}{Random.Shared.Next(0, 1000):D3}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }
}
