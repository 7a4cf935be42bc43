using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Exports;
using Governance.Population.Tests.Care;
using Governance.Population.Tests.Imports;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Exports;

/// <summary>
/// The persons' export: masked as every response, within the caller's reach, every person exported in the access
/// log, nothing of care cases; more persons than one batch, so the batches' paging is proved too.
/// </summary>
public sealed class PersonExportTests : IAsyncLifetime
{
    private const int Imported = PersonExport.BatchSize * 2 + 1;
    private PopulationHost _host = null!;
    private Guid _zhang, _wang;

    public async ValueTask InitializeAsync()
    {
        _host = await PopulationHost.StartAsync();
        var rows = Enumerable.Range(0, Imported)
            .Select(i => ImportFiles.Row($"居民{i}", ImportFiles.ResidentId(i % 1000, i < 1000 ? "19800101" : "19810202"), org: Grid1, phone: "")).ToList();
        var leader = _host.ClientAs("gl-1", Community, "grid_leader");
        var job = await ImportFiles.EndedAsync(leader, await ImportFiles.QueueAsync(leader, ImportFiles.Csv(rows), "persons.csv", Community));
        Assert.Equal("done", job.GetProperty("status").GetString());
        _zhang = await People.RegisterAsync(_host.GridWorker(), People.Registered());
        _wang = await People.RegisterAsync(_host.GridWorker(OtherCommunity), People.Registered(number: "440304201001010046", name: "王五", org: OtherCommunity + "/001"));
        await _host.OpenAsync(_zhang, category: "elderly_alone");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<IDictionary<string, object?>>> ExportAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/population/exports/persons?{query}", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(ExportsApi.XlsxType, response.Content.Headers.ContentType?.MediaType);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        return file.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
    }

    [Fact]
    public async Task The_export_is_masked_with_chinese_headers_and_holds_only_the_readers_reach()
    {
        // A worker of one community asks for the whole street: the other community's persons are not in the file.
        var rows = await ExportAsync(_host.ClientAs("exp-1", Community, "grid_worker"), $"org={Street}&purpose=service_delivery&purposeNote=入户走访");
        Assert.Equal(Imported + 1, rows.Count);
        Assert.Equal(PersonExport.Headers, rows[0].Keys);
        Assert.DoesNotContain(rows, r => (string?)r["编号"] == _wang.ToString());
        Assert.Equal(Imported + 1, rows.Select(r => r["编号"]).Distinct().Count());
        var zhang = Assert.Single(rows, r => (string?)r["编号"] == _zhang.ToString());
        Assert.Equal(("张三", "632801********1235", "138****5678", "registered", Grid1),
            ((string?)zhang["姓名"], (string?)zhang["证件号码"], (string?)zhang["联系电话"], (string?)zhang["居住状态"], (string?)zhang["组织路径"]));
        Assert.All(rows, r => Assert.Matches(@"^\d{6}\*{8}[\dX]{4}$", (string?)r["证件号码"]));
    }

    [Fact]
    public async Task Every_person_exported_leaves_an_access_log_row_with_the_purpose()
    {
        var rows = await ExportAsync(_host.ClientAs("exp-2", Street, "grid_worker"), $"org={Community}&purpose=data_correction");
        var reads = await _host.QueryAsync(db => db.PersonReads.AsNoTracking().Where(r => r.Reader == "exp-2").ToListAsync(Ct));
        Assert.Equal(rows.Count, reads.Count);
        Assert.Equal(rows.Select(r => Guid.Parse((string)r["编号"]!)).Order(), reads.Select(r => r.PersonId!.Value).Order());
        Assert.All(reads, r => Assert.Equal(("export", "rest", "data_correction", "documentNumber:masked"),
            (r.Action, r.Channel, r.Purpose, r.Fields.Split(',').Single(f => f.StartsWith("documentNumber", StringComparison.Ordinal)))));
    }

    [Fact]
    public async Task A_person_with_a_care_case_shows_nothing_of_it()
    {
        var rows = await ExportAsync(_host.ClientAs("exp-3", Grid1, "grid_worker"), $"org={Grid1}&purpose=service_delivery");
        var zhang = Assert.Single(rows, r => (string?)r["编号"] == _zhang.ToString());
        Assert.Equal(PersonExport.Headers, zhang.Keys);
        var text = string.Join('|', zhang.Values);
        foreach (var word in new[] { "elderly_alone", "独居", "care", "关爱", "cw-1" }) Assert.DoesNotContain(word, text);
    }

    [Fact]
    public async Task Without_a_purpose_a_bad_org_or_reach_nothing_is_sent_or_logged()
    {
        var worker = _host.ClientAs("exp-4", Community, "grid_worker");
        using (var response = await worker.GetAsync($"/api/population/exports/persons?org={Community}", Ct))
            await CareClients.AssertFieldAsync(response, "purpose");
        using (var response = await worker.GetAsync("/api/population/exports/persons?org=no%20org&purpose=service_delivery", Ct))
            await CareClients.AssertFieldAsync(response, "org");
        using (var response = await worker.GetAsync("/api/population/exports/persons?purpose=service_delivery", Ct))
            await CareClients.AssertFieldAsync(response, "org");
        using (var response = await worker.GetAsync($"/api/population/exports/persons?org={OtherCommunity}&purpose=service_delivery", Ct))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await _host.QueryAsync(db => db.PersonReads.CountAsync(r => r.Reader == "exp-4", Ct)));
    }
}
