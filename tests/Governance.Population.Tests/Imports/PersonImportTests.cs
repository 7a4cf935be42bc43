using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Governance.Population.Tests.Imports.ImportFiles;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Imports;

public sealed class PersonImportTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Leader => _host.ClientAs("gl-1", Community, "grid_leader");

    [Fact]
    public async Task A_csv_of_good_rows_is_stored_and_its_persons_are_found_as_registered_ones()
    {
        var id = await QueueAsync(Leader, Csv([Row("王五", ResidentId(11)), FloatingRow("赵六", ResidentId(12)), Row("钱七", ResidentId(13), org: Community)]),
            "persons.csv", Community);
        var job = await EndedAsync(Leader, id);
        Assert.Equal(("done", 3, 3, 0), (job.GetProperty("status").GetString(), job.GetProperty("rowsTotal").GetInt32(),
            job.GetProperty("rowsDone").GetInt32(), job.GetProperty("rowsRejected").GetInt32()));
        var stored = await _host.QueryAsync(db => db.Persons.OrderBy(p => p.Name).Select(p => new { p.Name, p.OrgPath, p.RegisteredBy }).ToListAsync(Ct));
        Assert.Equal(3, stored.Count);
        Assert.All(stored, p => Assert.Equal("gl-1", p.RegisteredBy));
        // The look-up finds an imported person by the keyed hash, and the reveal decrypts what the import encrypted.
        using var found = await _host.Investigator().PostAsJsonAsync("/api/population/persons/lookup",
            new { documentNumber = ResidentId(12), purpose = "case_handling" }, Ct);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var person = (await found.Content.ReadFromJsonAsync<JsonElement>(Ct))[0];
        Assert.Equal(("赵六", "floating", Grid1), (person.GetProperty("name").GetString(), person.GetProperty("residence").GetProperty("status").GetString(),
            person.GetProperty("orgPath").GetString()));
        using var revealed = await _host.ClientAs("inv-1", County, "investigator").PostAsJsonAsync(
            $"/api/population/persons/{person.GetProperty("id").GetGuid()}/reveal", new { purpose = "case_handling" }, Ct);
        var numbers = await revealed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((ResidentId(12), "QH2026000123"), (numbers.GetProperty("documentNumber").GetString(), numbers.GetProperty("permitNumber").GetString()));
        // Nothing of the upload stays once the job ended.
        Assert.Equal(0, await _host.QueryAsync(db => db.ImportChunks.CountAsync(Ct)));
    }

    [Fact]
    public async Task An_xlsx_with_chinese_headers_is_stored()
    {
        string[] header = ["姓名", "证件类型", "证件号码", "联系电话", "居住状态", "居住证号码", "有效期起", "有效期止", "组织路径"];
        var id = await QueueAsync(Leader, Xlsx([Row("孙八", ResidentId(21)), Row("周九", ResidentId(22), phone: "")], header), "人口.xlsx", Grid1);
        var job = await EndedAsync(Leader, id);
        Assert.Equal(("done", "xlsx", "人口.xlsx"), (job.GetProperty("status").GetString(), job.GetProperty("format").GetString(), job.GetProperty("fileName").GetString()));
        Assert.Equal(2, await _host.QueryAsync(db => db.Persons.CountAsync(p => p.OrgPath == Grid1, Ct)));
        Assert.Equal(1, await _host.QueryAsync(db => db.Persons.CountAsync(p => p.Phone == null, Ct)));
    }

    [Fact]
    public async Task A_file_with_bad_rows_stores_nothing_and_its_report_names_each_row_column_and_reason()
    {
        await People.RegisterAsync(_host.GridWorker(), People.Registered(number: ResidentId(40), name: "已登记"));
        var bad = ResidentId(41)[..17] + (ResidentId(41)[17] == '0' ? '1' : '0');
        string[][] rows =
        [
            Row("好人", ResidentId(30)),                        // row 2: good
            Row("校验错", bad),                                 // row 3: check character
            Row("日期错", "632801199002300010"),                // row 4: 30 February
            Row("重复甲", ResidentId(31)),                      // row 5
            Row("重复乙", ResidentId(31)),                      // row 6: same document as row 5
            Row("已登记", ResidentId(40)),                      // row 7: in the database
            Row("", ResidentId(32)),                            // row 8: no name
            Row("越界", ResidentId(33), org: OtherCommunity),  // row 9: outside the import's org
        ];
        var id = await QueueAsync(Leader, Csv(rows), "persons.csv", Community);
        var job = await EndedAsync(Leader, id);
        Assert.Equal(("rejected", 8, 6, 0), (job.GetProperty("status").GetString(), job.GetProperty("rowsTotal").GetInt32(),
            job.GetProperty("rowsRejected").GetInt32(), job.GetProperty("rowsDone").GetInt32()));
        Assert.Equal(1, await _host.QueryAsync(db => db.Persons.CountAsync(Ct)));

        var report = await Leader.GetStringAsync(job.GetProperty("rejectedReport").GetString(), Ct);
        var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("row,column,原因,reason", lines[0]);
        Assert.Equal(["3,documentNumber", "4,documentNumber", "6,documentNumber", "7,documentNumber", "8,name", "9,orgPath"],
            lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))).ToArray());
        Assert.Contains("校验码应为", lines[1]);
        Assert.Contains("The check character should be", lines[1]);
        Assert.Contains("The same document is in row 5.", lines[3]);
        Assert.Contains("registered already", lines[4]);
        Assert.Contains("Give the person's name.", lines[5]);

        var xlsx = await Leader.GetByteArrayAsync($"/api/population/imports/{id}/rejected?format=xlsx", Ct);
        var sheet = new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(6, sheet.Count);
        Assert.Equal(("9", "orgPath"), (sheet[5]["row"].ToString(), sheet[5]["column"].ToString()));
    }

    [Fact]
    public async Task An_unknown_or_missing_column_rejects_the_file_at_its_header()
    {
        var id = await QueueAsync(Leader, Csv([["王五", "x"]], header: ["name", "民族"]), "persons.csv", Community);
        var job = await EndedAsync(Leader, id);
        Assert.Equal("rejected", job.GetProperty("status").GetString());
        var report = await Leader.GetStringAsync($"/api/population/imports/{id}/rejected", Ct);
        Assert.Contains("1,民族,", report);
        Assert.Contains("1,documentNumber,", report);
    }

    [Fact]
    public async Task Uploads_are_refused_with_the_field_at_fault()
    {
        using var outside = await UploadAsync(Leader, Csv([Row("王五", ResidentId(50))]), "persons.csv", OtherCommunity);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        using var noOrg = await UploadAsync(Leader, Csv([Row("王五", ResidentId(50))]), "persons.csv", "");
        Assert.Equal("org", await FieldOf(noOrg));
        using var kind = await UploadAsync(Leader, Csv([Row("王五", ResidentId(50))]), "persons.csv", Community, kind: "vehicles");
        Assert.Equal("kind", await FieldOf(kind));
        using var empty = await UploadAsync(Leader, [], "persons.csv", Community);
        Assert.Equal("file", await FieldOf(empty));
        using var investigator = await UploadAsync(_host.Investigator(), Csv([Row("王五", ResidentId(50))]), "persons.csv", Community);
        Assert.Equal(HttpStatusCode.Forbidden, investigator.StatusCode);
        Assert.Equal(0, await _host.QueryAsync(db => db.ImportJobs.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_raw_body_upload_declares_its_format_and_org_in_the_query()
    {
        using var body = new ByteArrayContent(Csv([Row("王五", ResidentId(60))]));
        using var response = await Leader.PostAsync($"/api/population/imports?kind=persons&org={Community}&format=csv", body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal($"/api/population/imports/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("done", (await EndedAsync(Leader, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_job_is_seen_only_by_those_who_may_register_in_its_org()
    {
        var id = await QueueAsync(Leader, Csv([Row("王五", ResidentId(70))]), "persons.csv", Community);
        await EndedAsync(Leader, id);
        using var other = await _host.ClientAs("gl-2", OtherCommunity, "grid_leader").GetAsync($"/api/population/imports/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var report = await _host.ClientAs("gl-2", OtherCommunity, "grid_leader").GetAsync($"/api/population/imports/{id}/rejected", Ct);
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        using var notRejected = await Leader.GetAsync($"/api/population/imports/{id}/rejected", Ct);
        Assert.Equal(HttpStatusCode.Conflict, notRejected.StatusCode);
    }

    private static async Task<string?> FieldOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return problem.GetProperty("errors").EnumerateObject().Single().Name;
    }
}
