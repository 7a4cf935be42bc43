using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Exports;
using Governance.Population.Tests.Infrastructure;
using Governance.Population.Tests.Moves;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Exports;

/// <summary>The households' export: within the caller's reach, the head's name shown and logged, members counted.</summary>
public sealed class HouseholdExportTests : IAsyncLifetime
{
    private PopulationHost _host = null!;
    private Guid _zhang;

    public async ValueTask InitializeAsync()
    {
        _host = await PopulationHost.StartAsync();
        var (_, rooms) = await Homes.RoomsAsync(_host, 1);
        var (_, otherRooms) = await Homes.RoomsAsync(_host, 1, org: OtherCommunity + "/001", code: "09");
        _zhang = await People.RegisterAsync(_host.GridWorker(), People.Registered());
        var li = await People.RegisterAsync(_host.GridWorker(), People.Floating());
        var wang = await People.RegisterAsync(_host.GridWorker(OtherCommunity), People.Registered(number: "440304201001010046", name: "王五", org: OtherCommunity + "/001"));
        var household = await RegisterAsync(_host.GridWorker(), new { number = "H0101", kind = "family", houseId = rooms[0], headId = _zhang });
        using (var joined = await _host.GridWorker().PostAsJsonAsync($"/api/population/households/{household}/members", new { personId = li, relation = "spouse" }, Ct))
            Assert.True(joined.IsSuccessStatusCode, await joined.Content.ReadAsStringAsync(Ct));
        await RegisterAsync(_host.GridWorker(OtherCommunity), new { number = "H0901", kind = "family", houseId = otherRooms[0], headId = wang });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> RegisterAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/population/households", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task The_export_holds_the_readers_households_with_the_head_logged()
    {
        using var response = await _host.ClientAs("exp-h", Community, "grid_worker").GetAsync($"/api/population/exports/households?org={Street}&purpose=service_delivery", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var rows = file.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(HouseholdExport.Headers, row.Keys);
        Assert.Equal(("H0101", "张三", 2d, Grid1), ((string?)row["户号"], (string?)row["户主姓名"], Convert.ToDouble(row["在册人数"]), (string?)row["组织路径"]));
        var read = Assert.Single(await _host.QueryAsync(db => db.PersonReads.AsNoTracking().Where(r => r.Reader == "exp-h").ToListAsync(Ct)));
        Assert.Equal((_zhang, "export", "name", "service_delivery"), (read.PersonId, read.Action, read.Fields, read.Purpose));

        using var noPurpose = await _host.GridWorker().GetAsync($"/api/population/exports/households?org={Community}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noPurpose.StatusCode);
    }
}
