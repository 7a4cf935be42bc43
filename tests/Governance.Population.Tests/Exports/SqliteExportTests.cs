using System.Net;
using Governance.Population.Exports;
using Governance.Population.Tests.Imports;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Exports;

/// <summary>The export on SQLite, as the standalone host runs it: the keyset paging past the first batch translates there too.</summary>
public sealed class SqliteExportTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync(sqlite: true);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task More_than_a_batch_is_exported_whole_and_logged()
    {
        var rows = Enumerable.Range(0, PersonExport.BatchSize + 3)
            .Select(i => ImportFiles.Row($"居民{i}", ImportFiles.ResidentId(i, "19800101"), org: Grid1, phone: "")).ToList();
        var leader = _host.ClientAs("gl-1", Community, "grid_leader");
        var job = await ImportFiles.EndedAsync(leader, await ImportFiles.QueueAsync(leader, ImportFiles.Csv(rows), "persons.csv", Community));
        Assert.Equal("done", job.GetProperty("status").GetString());
        using var response = await _host.GridWorker(Community).GetAsync($"/api/population/exports/persons?org={Community}&purpose=data_correction", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var exported = file.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Select(r => (string?)r["编号"]).ToList();
        Assert.Equal(rows.Count, exported.Distinct().Count());
        Assert.Equal(rows.Count, await _host.QueryAsync(db => db.PersonReads.CountAsync(r => r.Action == "export", Ct)));
    }
}
