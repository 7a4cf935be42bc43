using System.Net;
using System.Net.Http.Json;
using Governance.Assessment.Publishing;
using Governance.Assessment.Tests.Infrastructure;
using Governance.Assessment.Tests.Scores;
using MiniExcelLibs;

namespace Governance.Assessment.Tests.Publishing;

/// <summary>The xlsx a county centre circulates, live and published, read back with MiniExcel.</summary>
public sealed class ExportTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AssessmentHost Host => fixture.Host;

    private static readonly string[] Indicators = ["按时办结率", "返工率", "延期率", "群众满意率", "错派退单数", "矛盾纠纷调解成功率", "网格、社区层面化解占比", "视频告警按时确认率"];

    [Fact]
    public async Task The_live_ranking_and_scorecards_download_as_a_workbook_in_the_centres_layout()
    {
        using var assessor = fixture.Assessor();
        using var response = await assessor.GetAsync($"/api/assessment/rankings/xlsx?org={Host.County}&period=2026-11", Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"assessment-{Host.County}-2026-11.xlsx", disposition.FileName?.Trim('"'));
        Assert.Equal($"2026年11月考核排名-{Host.County}.xlsx", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString($"2026年11月考核排名-{Host.County}.xlsx"), response.Content.Headers.GetValues("Content-Disposition").Single());

        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        // The three departments tie (56.08) and follow by name.
        Assert.Equal(["考核排名", "城管局丙", "城管局乙", "城管局甲"], MiniExcel.GetSheetNames(file));
        var ranking = Rows(file, "考核排名");
        Assert.Equal("2026年11月 综治委成员单位考核排名", ranking[0][0]);
        Assert.Equal(["排名", "单位", "总分", .. Indicators], ranking[1]);
        Assert.Equal(["1", "城管局丙", "56.08", "18.75", "2", "0", "20", "6", "3.33", "5", "1"], ranking[2]);
        Assert.Equal(["1", "城管局乙", "56.08"], ranking[3][..3]);
        Assert.Equal(5, ranking.Count);

        var card = Rows(file, "城管局甲");
        Assert.Equal("城管局甲 2026年11月 考核计分表", card[0][0]);
        Assert.Equal(["指标", "权重", "规则", "目标", "实际", "得分", "依据条数"], card[1]);
        Assert.Equal(["按时办结率", "30", "线性计分（底线 50%）", "90%", "75%", "18.75", "4"], card[2]);
        Assert.Equal(["返工率", "10", "线性计分（底线 60%）", "10%", "50%", "2", "4"], card[3]);
        Assert.Equal(["延期率", "10", "达标计分", "30%", "50%", "0", "4"], card[4]);
        Assert.Equal(["错派退单数", "10", "每件扣 4 分", "", "1", "6", "1"], card[6]);
        Assert.Equal(["视频告警按时确认率", "5", "每件加 1 分", "", "50%", "1", "2"], card[9]);
        Assert.Equal(["合计", "100", "", "", "", "56.08", ""], card[10]);
    }

    [Fact]
    public async Task A_published_version_downloads_with_its_version_in_the_title_and_the_file_name()
    {
        using var admin = Host.ClientAs("admin-county", Host.County, "admin");
        using var published = await admin.PostAsJsonAsync("/api/assessment/published", new { org = Host.County, period = "2026-Q4" }, Ct);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(Ct));
        var snapshot = (await published.Content.ReadFromJsonAsync<Publisher.SnapshotView>(Ct))!.Snapshot;

        using var assessor = fixture.Assessor();
        using var response = await assessor.GetAsync($"/api/assessment/published/{snapshot.Id}/xlsx", Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal($"2026年第4季度考核排名-{Host.County}-第1版.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var day = snapshot.PublishedAt.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"2026年第4季度 综治委成员单位考核排名（第1版，{day}发布）", Rows(file, "考核排名")[0][0]);
        Assert.Equal(4, MiniExcel.GetSheetNames(file).Count);
    }

    [Fact]
    public async Task An_inspection_finding_shows_as_its_own_deduction_column_and_row()
    {
        // December, apart from the other tests' November: one finding of 3 points against department A.
        using var assessor = fixture.Assessor();
        using var recorded = await assessor.PostAsJsonAsync("/api/assessment/findings", new
        {
            departmentId = fixture.DepartmentA.ToString(), month = "2026-12", points = 3, reason = "暗访发现台账缺失", evidence = Reviews.ReviewFixture.Evidence("暗访照片"),
        }, Ct);
        Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync(Ct));

        using var response = await assessor.GetAsync($"/api/assessment/rankings/xlsx?org={Host.County}&period=2026-12", Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var ranking = Rows(file, "考核排名");
        Assert.Equal("督查扣分", ranking[1][^1]);
        var a = ranking.Single(r => r[1] == "城管局甲");
        Assert.Equal("-3", a[^1]);
        Assert.Equal("0", ranking.Single(r => r[1] == "城管局乙")[^1]);
        var card = Rows(file, "城管局甲");
        Assert.Equal(["督查扣分", "", "督查问题 1 项", "", "", "-3", "1"], card[^2]);
        Assert.Equal(a[2], card[^1][5]);
    }

    [Fact]
    public async Task Exports_are_refused_to_whoever_may_not_read_the_ranking()
    {
        using var handler = Host.ClientAs("handler-a", Host.County, "department_handler", fixture.DepartmentA.ToString());
        using var refused = await handler.GetAsync($"/api/assessment/rankings/xlsx?org={Host.County}&period=2026-11", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var assessor = fixture.Assessor();
        using var bad = await assessor.GetAsync($"/api/assessment/rankings/xlsx?org={Host.County}&period=2026-11-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("period", await bad.Content.ReadAsStringAsync(Ct));
        using var missing = await assessor.GetAsync($"/api/assessment/published/{Guid.NewGuid()}/xlsx", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    // A sheet's rows as text, cell by cell (blank cells as ""), trailing blanks kept so columns line up.
    private static List<string[]> Rows(Stream file, string sheet)
    {
        file.Position = 0;
        return [.. MiniExcel.Query(file, useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray())];
    }
}
