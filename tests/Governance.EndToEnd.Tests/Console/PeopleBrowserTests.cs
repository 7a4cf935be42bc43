using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The console's people-and-houses pages (人口房屋) in chromium against the standalone host and its demo county: a person
/// looked up with a purpose shows masked, and the auditor finds that read with its purpose in the access log; care cases
/// are their worker's alone (another user is not offered them and is refused when forcing the address); an import with a
/// rejected row shows its progress to the end and hands over population's rejected-rows report.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PeopleBrowserTests(ConsoleFixture f)
{
    private const string GridOrg = "632801/001/001/001";
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_looked_up_with_a_purpose_shows_masked_with_household_and_house_and_the_auditor_finds_the_read_with_its_purpose()
    {
        await WaitForPopulationSeedAsync();
        // A resident registered, moved into a demo room and made head of a household by the grid worker (their app's API).
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        var (number, person) = await RegisterPersonAsync(worker, "测试核验人", "13812345678");
        var room = await FirstRoomAsync(worker);
        Assert.True((await worker.PostAsJsonAsync($"/api/population/persons/{person}/move-in", new { houseId = room.GetProperty("id").GetGuid() }, Ct)).IsSuccessStatusCode);
        var householdNumber = "T-" + Random.Shared.Next(100000, 999999);
        var household = await worker.PostAsJsonAsync("/api/population/households",
            new { number = householdNumber, kind = "family", houseId = room.GetProperty("id").GetGuid(), headId = person }, Ct);
        Assert.True(household.IsSuccessStatusCode, await household.Content.ReadAsStringAsync(Ct));

        // The investigator looks the number up: the purpose is asked for before anything is sent.
        await using var context = await _browser.NewContextAsync();
        var page = await SignInInvestigatorAsync(context);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "人口房屋" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByLabel("证件号码", new() { Exact = true })).ToBeVisibleAsync());
        ConsoleBrowser.Figure($"people look-up page: first render {started.ElapsedMilliseconds} ms after the menu click");
        await page.GetByLabel("证件号码", new() { Exact = true }).FillAsync(number);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("请先选择查询目的");
        await Expect(page.GetByTestId("person-card")).ToHaveCountAsync(0);

        var note = "核验测试 " + Guid.NewGuid().ToString("n")[..8];
        await page.GetByLabel("查询目的").First.SelectOptionAsync(new SelectOptionValue { Label = "身份核验" });
        await page.GetByLabel("目的说明").First.FillAsync(note);
        started.Restart();
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        var card = page.GetByTestId("person-card");
        await _browser.ExpectAsync(page, Expect(card.GetByTestId("document-number")).ToHaveTextAsync($"632801********{number[^4..]}"));
        ConsoleBrowser.Figure($"look-up answered and drawn {started.ElapsedMilliseconds} ms after the search click");
        await Expect(card.GetByTestId("phone")).ToHaveTextAsync("138****5678");
        Assert.DoesNotContain(number, await page.InnerTextAsync("body"));
        await Expect(card.GetByTestId("household")).ToContainTextAsync(householdNumber);
        await Expect(card.GetByTestId("household")).ToContainTextAsync("户主");
        await Expect(card.GetByTestId("current-house")).ToContainTextAsync(room.GetProperty("name").GetString()!);
        await ConsoleBrowser.ScreenshotAsync(page, "people");

        // Unmasked only by the investigator's reveal, with its own purpose.
        await card.GetByLabel("查询目的").SelectOptionAsync(new SelectOptionValue { Label = "协查" });
        await card.GetByRole(AriaRole.Button, new() { Name = "查看明文" }).ClickAsync();
        await Expect(card.GetByTestId("revealed")).ToContainTextAsync(number);

        // The auditor: the access log, in the menu, holds the look-up with the purpose and note stated.
        await using var audit = await _browser.NewContextAsync();
        var auditorPage = await _browser.SignInAsync(audit, "demo-auditor");
        await Expect(auditorPage.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "人口房屋" })).ToHaveCountAsync(0);
        started.Restart();
        await auditorPage.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "访问日志" }).ClickAsync();
        await _browser.ExpectAsync(auditorPage, Expect(auditorPage.GetByTestId("access-log")).ToBeVisibleAsync());
        ConsoleBrowser.Figure($"access log: first render {started.ElapsedMilliseconds} ms after the menu click");
        await auditorPage.GetByLabel("人员编号").FillAsync(person.ToString());
        await auditorPage.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        // The look-up, and the household read on the way (the same purpose), each a row.
        var withNote = auditorPage.GetByTestId("access-log").GetByRole(AriaRole.Row).Filter(new() { HasText = note });
        var lookupRow = withNote.Filter(new() { HasText = "证件号码查询" });
        await _browser.ExpectAsync(auditorPage, Expect(lookupRow).ToContainTextAsync("身份核验"));
        await Expect(withNote.Filter(new() { HasText = "户信息" })).ToContainTextAsync("身份核验");
        await Expect(lookupRow).ToContainTextAsync("documentNumber:masked");
        await Expect(auditorPage.GetByTestId("access-log").GetByRole(AriaRole.Row).Filter(new() { HasText = "查看明文" })).ToContainTextAsync("协查");
        await ConsoleBrowser.ScreenshotAsync(auditorPage, "access-log");
    }

    [Fact]
    public async Task Houses_open_from_compound_to_room_with_residents_masked_and_rentals_show_their_grade_and_reason()
    {
        await WaitForPopulationSeedAsync();
        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-grid-worker");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "人口房屋" }).ClickAsync();
        // No look-up by document for a grid worker: the page says so, and the houses are a tab away.
        await Expect(page.GetByText("您的岗位不能按证件号码查询人员")).ToBeVisibleAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Link, new() { Name = "房屋与住户" }).ClickAsync();
        var houses = page.GetByTestId("houses");
        await _browser.ExpectAsync(page, Expect(houses).ToContainTextAsync("小区/院落"));
        ConsoleBrowser.Figure($"houses page: first render {started.ElapsedMilliseconds} ms after the tab click");
        // Compound → building → unit → room, one click each.
        foreach (var kind in new[] { "楼栋", "单元", "房间" })
        {
            await houses.GetByRole(AriaRole.Button).First.ClickAsync();
            await _browser.ExpectAsync(page, Expect(houses.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync(kind));
        }
        await houses.GetByRole(AriaRole.Row).Filter(new() { HasText = "有人居住" }).First.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("households")).ToContainTextAsync("家庭户");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看住户" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("请先选择查询目的");
        await page.GetByLabel("查询目的").SelectOptionAsync(new SelectOptionValue { Label = "入户服务" });
        await page.GetByRole(AriaRole.Button, new() { Name = "查看住户" }).ClickAsync();
        await Expect(page.GetByTestId("residents")).ToContainTextAsync("632801********");
        await Expect(page.GetByTestId("resident-counts")).ToContainTextAsync("户籍");
        await ConsoleBrowser.ScreenshotAsync(page, "houses");

        // Rentals with their grade and why: the demo inspects one into each grade.
        await page.GetByRole(AriaRole.Link, new() { Name = "出租房屋" }).ClickAsync();
        var rentals = page.GetByTestId("rentals");
        await _browser.ExpectAsync(page, Expect(rentals.GetByRole(AriaRole.Row).Filter(new() { HasText = "禁止" }).First).ToContainTextAsync("消防通道堵塞且燃气隐患"));
        await Expect(rentals.GetByRole(AriaRole.Row).Filter(new() { HasText = "放心" }).First).ToContainTextAsync("未发现隐患");
        await page.GetByLabel("等级").SelectOptionAsync(new SelectOptionValue { Label = "严管" });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Expect(rentals.GetByRole(AriaRole.Row).Filter(new() { HasText = "放心" })).ToHaveCountAsync(0);
        await Expect(rentals.GetByRole(AriaRole.Row).Filter(new() { HasText = "严管" }).First).ToContainTextAsync("消防通道堵塞");
        await ConsoleBrowser.ScreenshotAsync(page, "rentals");
    }

    [Fact]
    public async Task A_care_case_is_shown_to_its_worker_and_another_user_is_neither_offered_it_nor_given_it_by_its_address()
    {
        await WaitForPopulationSeedAsync();
        await using var care = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(care, "demo-care-worker");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "人口房屋" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "关爱对象" }).ClickAsync();
        await page.GetByLabel("查询目的").SelectOptionAsync(new SelectOptionValue { Label = "入户服务" });
        await page.GetByRole(AriaRole.Button, new() { Name = "查看我的个案" }).ClickAsync();
        var cases = page.GetByTestId("care-cases");
        await _browser.ExpectAsync(page, Expect(cases).ToContainTextAsync("独居老人"));
        await cases.GetByRole(AriaRole.Row).Filter(new() { HasText = "独居老人" }).GetByRole(AriaRole.Link).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("care-case")).ToContainTextAsync("独居老人"));
        await Expect(page.GetByTestId("visits").GetByRole(AriaRole.Row)).Not.ToHaveCountAsync(1);
        var address = page.Url;

        // The grid worker's posts carry no care-case.read: no tab, and the case's address is refused in words.
        await using var other = await _browser.NewContextAsync();
        var otherPage = await _browser.SignInAsync(other, "demo-grid-worker");
        await otherPage.GotoAsync(f.BaseAddress + "console/people/houses");
        await Expect(otherPage.GetByRole(AriaRole.Link, new() { Name = "房屋与住户" })).ToBeVisibleAsync();
        await Expect(otherPage.GetByRole(AriaRole.Link, new() { Name = "关爱对象" })).ToHaveCountAsync(0);
        await otherPage.GotoAsync(address);
        await Expect(otherPage.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");
        await Expect(otherPage.GetByTestId("care-case")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_import_with_a_rejected_row_shows_its_progress_to_the_end_and_hands_over_the_rejected_rows_report()
    {
        await WaitForPopulationSeedAsync();
        var good1 = ResidentId();
        var good2 = ResidentId();
        var bad = good1[..17] + (good1[17] == '1' ? '2' : '1');
        var csv = $"name,documentNumber,phone\n导入甲,{good1},13900000001\n导入乙,{good2},\n导入丙,{bad},13900000003\n";

        await using var context = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(context, "demo-grid-worker");
        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GotoAsync(f.BaseAddress + "console/people/imports");
        await _browser.ExpectAsync(page, Expect(page.GetByLabel("导入到")).ToHaveValueAsync(GridOrg));
        ConsoleBrowser.Figure($"imports page: first render {started.ElapsedMilliseconds} ms after navigating");
        await page.GetByLabel("导入内容").SelectOptionAsync(new SelectOptionValue { Label = "人员" });
        await page.GetByLabel("文件（CSV 或 xlsx）").SetInputFilesAsync(new FilePayload { Name = "persons.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();

        await _browser.ExpectAsync(page, Expect(page.GetByTestId("import-status")).ToHaveTextAsync("已拒绝（有不合格行）"));
        await Expect(page.GetByTestId("import-rows")).ToHaveTextAsync("3 / 3 行");
        var progress = page.GetByLabel("已校验");
        Assert.Equal(await progress.GetAttributeAsync("max"), await progress.GetAttributeAsync("value"));
        await Expect(page.GetByTestId("import-job").GetByRole(AriaRole.Alert).First).ToContainTextAsync("1 行不合格");
        await ConsoleBrowser.ScreenshotAsync(page, "import");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载不合格行报告（CSV）" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var report = await File.ReadAllTextAsync(await download.PathAsync(), Ct);
        // Row 4 as a spreadsheet numbers it (the header is row 1), its column, the reason.
        Assert.Contains("4,documentNumber,", report);
        Assert.DoesNotContain(good1, report);

        // Nothing of a rejected file is stored: the good rows are not registered either.
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        Assert.DoesNotContain("导入甲", await NamesInGridAsync(worker));
    }

    private Task<IPage> SignInInvestigatorAsync(IBrowserContext context) => _browser.SignInWithTotpAsync(context, "demo-investigator");

    /// <summary>Population fills the demo county once the grid's compounds have arrived, after the host is up.</summary>
    private async Task WaitForPopulationSeedAsync()
    {
        for (var i = 0; i < 1800 && !f.HostOutput.Contains("Population DEMO seed:", StringComparison.Ordinal); i++) await Task.Delay(100, Ct);
        Assert.Contains("Population DEMO seed:", f.HostOutput);
    }

    private static async Task<(string Number, Guid Id)> RegisterPersonAsync(HttpClient worker, string name, string phone)
    {
        for (var attempt = 0; ; attempt++)
        {
            var number = ResidentId();
            var response = await worker.PostAsJsonAsync("/api/population/persons", new
            {
                name, documentType = "resident_id", documentNumber = number, phone, residence = new { status = "registered" }, orgPath = GridOrg,
            }, Ct);
            if (response.IsSuccessStatusCode) return (number, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
            Assert.True(attempt < 3, await response.Content.ReadAsStringAsync(Ct));
        }
    }

    /// <summary>The names of every person in the grid worker's grid, page by page.</summary>
    private static async Task<List<string>> NamesInGridAsync(HttpClient worker)
    {
        var names = new List<string>();
        for (var offset = 0; ; offset += 200)
        {
            var page = await worker.GetFromJsonAsync<JsonElement>($"/api/population/persons?org={Uri.EscapeDataString(GridOrg)}&limit=200&offset={offset}", Ct);
            names.AddRange(page.EnumerateArray().Select(p => p.GetProperty("name").GetString()!));
            if (page.GetArrayLength() < 200) return names;
        }
    }

    private static async Task<JsonElement> FirstRoomAsync(HttpClient worker)
    {
        var level = await worker.GetFromJsonAsync<JsonElement>($"/api/population/houses?org={Uri.EscapeDataString(GridOrg)}", Ct);
        var house = level.EnumerateArray().First();
        while (house.GetProperty("kind").GetString() != "room")
            house = (await worker.GetFromJsonAsync<JsonElement>($"/api/population/houses/{house.GetProperty("id").GetGuid()}/children", Ct)).EnumerateArray().First();
        return house;
    }

    /// <summary>A made-up resident ID under 632801 with a real birth date and the GB 11643 check character.</summary>
    private static string ResidentId()
    {
        var born = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 20000));
        var body = $"632801{born:yyyyMMdd}{Random.Shared.Next(0, 1000):D3}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }
}
