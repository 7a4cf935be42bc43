using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The disputes pages (矛盾纠纷) in Debian's chromium against the real standalone host: a dispute reported in grid is handed
/// over by the centre in the incident's page, a mediator takes the case from the parties to a signed agreement and its PDF,
/// and the incident in grid shows how mediation ended. A party's contact stays masked until a purpose is given; what a
/// user's posts do not permit is neither offered nor done when forced.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DisputesBrowserTests(ConsoleFixture f)
{
    private readonly ConsoleBrowser _browser = new(f);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dispute_is_handed_over_and_settled_with_contacts_revealed_only_for_a_purpose_and_the_incident_shows_the_outcome()
    {
        const string title = "邻里纠纷：演示路 5 号占道堆物";
        using var worker = await f.ApiAsAsync("demo-grid-worker", Ct);
        var incidentId = await ConsoleBrowser.ReportAsync(worker, title, dispute: true);

        // The centre registers the dispute and hands it over to mediation from the incident's page.
        await using var centre = await _browser.NewContextAsync();
        var operatorPage = await _browser.SignInAsync(centre, "demo-centre-operator");
        await operatorPage.GotoAsync(f.BaseAddress + $"console/incidents/{incidentId}");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "立案", Exact = true }).ClickAsync();
        await Expect(operatorPage.GetByTestId("state")).ToHaveTextAsync("已立案");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "移交调解" }).ClickAsync();
        await _browser.ExpectAsync(operatorPage, Expect(operatorPage.GetByTestId("state")).ToHaveTextAsync("已移交调解"));

        // Mediation registers the case from grid's hand-over (no parties yet); the county's admin sets up a committee with a
        // mediator at the case's level and node, as the centre does once for each.
        using var mediatorApi = await f.ApiAsAsync("demo-mediator", Ct);
        var dispute = await HandedOverCaseAsync(mediatorApi, incidentId);
        var caseId = dispute.GetProperty("id").GetGuid();
        var number = dispute.GetProperty("number").GetString()!;
        var (bodyId, mediatorId) = await CommitteeAsync(dispute.GetProperty("level").GetString()!, dispute.GetProperty("responsibleOrgPath").GetString()!);

        // The mediator: the queue from the menu, the case, its parties.
        await using var mediation = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(mediation, "demo-mediator");
        var queueStarted = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "矛盾纠纷" }).ClickAsync();
        var row = page.GetByTestId("dispute-queue").GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await _browser.ExpectAsync(page, Expect(row).ToContainTextAsync("已登记"));
        ConsoleBrowser.Figure($"disputes queue rendered {queueStarted.ElapsedMilliseconds} ms after the menu click");
        await ConsoleBrowser.ScreenshotAsync(page, "disputes");
        await page.GetByLabel("调解层级").SelectOptionAsync(dispute.GetProperty("level").GetString()!);
        await page.GetByLabel("纠纷类别").SelectOptionAsync("medical");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.GetByLabel("纠纷类别").SelectOptionAsync(dispute.GetProperty("category").GetString()!);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("dispute-state")).ToHaveTextAsync("已登记"));

        // Assigning before the parties are named is refused, in mediation's words.
        await page.GetByLabel("调解员").SelectOptionAsync($"{bodyId}/{mediatorId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "指派调解员" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("当前状态不允许此操作");
        await AddPartyAsync(page, "张三", "13800001111");
        await AddPartyAsync(page, "李四", "13900002222");

        // Contacts are masked; the clear one only after a purpose is stated in the prompt (mediation audits the reveal).
        var parties = page.GetByTestId("parties");
        await Expect(parties.GetByRole(AriaRole.Row).Filter(new() { HasText = "张三" }).GetByTestId("contact")).ToHaveTextAsync("138****1111");
        Assert.DoesNotContain("13800001111", await page.InnerTextAsync("main"));
        await page.GetByRole(AriaRole.Button, new() { Name = "查看张三的联系方式" }).ClickAsync();
        var prompt = page.GetByTestId("purpose-prompt");
        await Expect(prompt.GetByRole(AriaRole.Button, new() { Name = "确认查看" })).ToBeDisabledAsync();
        await prompt.GetByLabel("查看目的").SelectOptionAsync(new SelectOptionValue { Label = "通知调解" });
        await prompt.GetByRole(AriaRole.Button, new() { Name = "确认查看" }).ClickAsync();
        await Expect(parties.GetByRole(AriaRole.Row).Filter(new() { HasText = "张三" }).GetByTestId("contact")).ToHaveTextAsync("13800001111");
        await Expect(parties.GetByRole(AriaRole.Row).Filter(new() { HasText = "李四" }).GetByTestId("contact")).ToHaveTextAsync("139****2222");

        // Assign, one session, an agreement both parties signed.
        await page.GetByLabel("调解员").SelectOptionAsync($"{bodyId}/{mediatorId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "指派调解员" }).ClickAsync();
        await Expect(page.GetByTestId("dispute-state")).ToHaveTextAsync("调解中");
        await page.GetByLabel("调解地点").FillAsync("演示社区调解室");
        await page.GetByLabel("参加人员（以顿号分隔）").FillAsync("张三、李四");
        await page.GetByLabel("调解记录").FillAsync("双方同意清理占道堆物并赔偿损失");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存调解记录" }).ClickAsync();
        await Expect(page.GetByTestId("sessions")).ToContainTextAsync("演示社区调解室");
        await page.GetByLabel("协议内容").FillAsync("李四于七日内清理占道堆物，并赔偿张三损失。");
        await page.GetByLabel("款项说明（可不填）").FillAsync("赔偿金");
        await page.GetByLabel("金额（元）").FillAsync("600");
        await page.GetByLabel("张三已确认").CheckAsync();
        await page.GetByLabel("李四已确认").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "记录调解结果" }).ClickAsync();
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("dispute-state")).ToHaveTextAsync("调解成功"));
        await Expect(page.GetByTestId("agreement")).ToContainTextAsync("600.00");
        await Expect(page.GetByTestId("dispute-history")).ToContainTextAsync("达成调解协议");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await ConsoleBrowser.ScreenshotAsync(page, "dispute-detail");

        // The agreement to sign, as mediation renders it: a PDF, downloaded through the console (the token stays on the server).
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载调解协议书（PDF）" }).ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync(), Ct);
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);

        // Grid's incident shows how mediation went: settled (still open while the agreement is performed), then closed by
        // the follow-up visit.
        await UntilTimelineShowsAsync(operatorPage, "调解成功");
        await page.GetByRole(AriaRole.Button, new() { Name = "回访并结案" }).ClickAsync();
        await Expect(page.GetByTestId("dispute-state")).ToHaveTextAsync("已结案");
        await UntilTimelineShowsAsync(operatorPage, "调解回访");
        await Expect(operatorPage.GetByTestId("state")).ToHaveTextAsync("已结案");
    }

    [Fact]
    public async Task Disputes_are_not_offered_without_the_permission_and_steps_outside_the_posts_are_refused_when_forced()
    {
        // The grid worker's posts carry no mediation.read: no menu item, and the typed address is refused in words.
        await using var field = await _browser.NewContextAsync();
        var workerPage = await _browser.SignInAsync(field, "demo-grid-worker");
        await Expect(workerPage.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "矛盾纠纷" })).ToHaveCountAsync(0);
        await workerPage.GotoAsync(f.BaseAddress + "console/disputes");
        await Expect(workerPage.GetByTestId("access-denied")).ToContainTextAsync("您的岗位无权查看此页面");

        // The centre's operator reads the cases (mediation.read) but neither works them nor reveals contacts: not offered...
        using var mediatorApi = await f.ApiAsAsync("demo-mediator", Ct);
        var cases = await mediatorApi.GetFromJsonAsync<List<JsonElement>>("/api/mediation/cases?limit=500", Ct);
        var withParties = await FirstWithPartiesAsync(mediatorApi, cases!);
        await using var centre = await _browser.NewContextAsync();
        var page = await _browser.SignInAsync(centre, "demo-centre-operator");
        await page.GotoAsync(f.BaseAddress + $"console/disputes/{withParties.CaseId}");
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("parties")).ToContainTextAsync("****"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "查看", Exact = false })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "指派调解员" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "回访并结案" })).ToHaveCountAsync(0);

        // ...and refused when forced with their own token (403, naming the permission).
        using var operatorApi = await f.ApiAsAsync("demo-centre-operator", Ct);
        var reveal = await operatorApi.PostAsJsonAsync($"/api/mediation/cases/{withParties.CaseId}/parties/{withParties.PartyId}/reveal-contact",
            new { purpose = "arrange_session" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, reveal.StatusCode);
        Assert.Contains("mediation.contacts.reveal", await reveal.Content.ReadAsStringAsync(Ct));
        var session = await operatorApi.PostAsJsonAsync($"/api/mediation/cases/{withParties.CaseId}/sessions",
            new { heldAt = DateTime.UtcNow, place = "越权", participants = new[] { "某人" }, minutes = "越权记录" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, session.StatusCode);
        Assert.Contains("mediation.work", await session.Content.ReadAsStringAsync(Ct));

        // The console's agreement download refuses the grid worker too, in words: mediation decides, the console passes it on.
        var pdf = await workerPage.APIRequest.GetAsync(f.BaseAddress + $"console/disputes/{withParties.CaseId}/agreement.pdf");
        Assert.True(pdf.Status is 403 or 404, $"{pdf.Status}");
        Assert.StartsWith("无法下载调解协议书", await pdf.TextAsync(), StringComparison.Ordinal);
    }

    private static async Task AddPartyAsync(IPage page, string name, string phone)
    {
        await page.GetByLabel("当事人姓名").FillAsync(name);
        await page.GetByLabel("当事人联系电话").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "添加当事人" }).ClickAsync();
        await Expect(page.GetByTestId("parties")).ToContainTextAsync(name);
    }

    /// <summary>The case mediation registered from grid's hand-over of the incident (its source reference), once the event arrived.</summary>
    private static async Task<JsonElement> HandedOverCaseAsync(HttpClient mediator, Guid incidentId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var cases = await mediator.GetFromJsonAsync<List<JsonElement>>("/api/mediation/cases?state=registered&limit=500", Ct);
            var found = cases!.FirstOrDefault(c => c.GetProperty("sourceReference").GetString() == incidentId.ToString());
            if (found.ValueKind == JsonValueKind.Object) return found;
            await Task.Delay(200, Ct);
        }
        throw new Xunit.Sdk.XunitException($"mediation registered no case for incident {incidentId}");
    }

    private async Task<(Guid Body, Guid Mediator)> CommitteeAsync(string level, string orgPath)
    {
        using var admin = await f.ApiAsAsync("demo-admin", Ct);
        var created = await admin.PostAsJsonAsync("/api/mediation/bodies",
            new { name = $"演示-测试调解委员会（{orgPath}）", kind = "peoples_committee", specialty = "general", level, orgPath }, Ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(created.IsSuccessStatusCode, body.ToString());
        var bodyId = body.GetProperty("id").GetGuid();
        var added = await admin.PostAsJsonAsync($"/api/mediation/bodies/{bodyId}/mediators", new { name = "赵调解", specialties = new[] { "other", "neighbour" } }, Ct);
        var mediator = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(added.IsSuccessStatusCode, mediator.ToString());
        return (bodyId, mediator.GetProperty("id").GetGuid());
    }

    /// <summary>A case the mediator can see with a party whose contact is on record (the demo settles some; the other test adds some).</summary>
    private static async Task<(Guid CaseId, Guid PartyId)> FirstWithPartiesAsync(HttpClient mediator, List<JsonElement> cases)
    {
        foreach (var c in cases)
        {
            var id = c.GetProperty("id").GetGuid();
            var detail = await mediator.GetFromJsonAsync<JsonElement>($"/api/mediation/cases/{id}", Ct);
            foreach (var p in detail.GetProperty("parties").EnumerateArray())
                if (p.GetProperty("maskedContact").ValueKind == JsonValueKind.String) return (id, p.GetProperty("id").GetGuid());
        }
        // None yet: complete a registered one, as the mediator would.
        var open = cases.First(c => c.GetProperty("state").GetString() == "registered").GetProperty("id").GetGuid();
        var added = await mediator.PostAsJsonAsync($"/api/mediation/cases/{open}/parties", new { kind = "person", role = "applicant", name = "王五", contact = "13700003333" }, Ct);
        var party = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(added.IsSuccessStatusCode, party.ToString());
        return (open, party.GetProperty("id").GetGuid());
    }

    /// <summary>Grid writes mediation's facts on the incident's timeline as they arrive over the bus: reload until the line shows.</summary>
    private async Task UntilTimelineShowsAsync(IPage page, string words)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            await page.ReloadAsync();
            var timeline = page.GetByTestId("timeline");
            await timeline.WaitForAsync();
            if ((await timeline.InnerTextAsync()).Contains(words, StringComparison.Ordinal)) return;
            await Task.Delay(250, Ct);
        }
        await _browser.ExpectAsync(page, Expect(page.GetByTestId("timeline")).ToContainTextAsync(words));
    }
}
