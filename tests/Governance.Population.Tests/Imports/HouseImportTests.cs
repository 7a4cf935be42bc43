using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Population;
using Governance.Population.Houses;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Imports.ImportFiles;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Imports;

/// <summary>
/// Houses imported as a job: parents by the path of codes, in the file or stored, every row held to registration's
/// checks, all rows or none, and the rejected rows reported.
/// </summary>
public sealed class HouseImportTests : IAsyncLifetime
{
    private static readonly string[] HouseHeader = ["kind", "code", "name", "parent", "orgPath", "address", "use", "occupancy"];
    private PopulationHost _host = null!;
    private Guid _storedBuilding;

    public async ValueTask InitializeAsync()
    {
        _host = await PopulationHost.StartAsync();
        // A compound registered by hand, with a building: rows of a file may hang below it.
        var compound = await RegisterAsync(new { kind = "compound", code = "02", name = "和平小区", orgPath = Grid1 });
        _storedBuilding = await RegisterAsync(new { kind = "building", code = "1", name = "1号楼", parentId = compound });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Leader => _host.ClientAs("gl-1", Community, "grid_leader");

    private async Task<Guid> RegisterAsync(object body)
    {
        using var response = await _host.GridWorker().PostAsJsonAsync("/api/population/houses", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static string[] H(string kind, string code, string name, string parent = "", string org = Grid1, string use = "", string occupancy = "") =>
        [kind, code, name, parent, org, "", use, occupancy];

    private async Task<Guid> UploadHousesAsync(byte[] file, string fileName)
    {
        using var response = await UploadAsync(Leader, file, fileName, Community, kind: "houses");
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_tree_of_levels_is_stored_under_parents_of_the_file_and_stored_ones_with_their_events()
    {
        var id = await UploadHousesAsync(Csv([
            H("compound", "01", "幸福小区"),
            H("building", "3", "3号楼", parent: "01"),
            H("unit", "1", "1单元", parent: "01/3"),
            H("room", "0502", "502室", parent: "01/3/1", use: "rental", occupancy: "occupied"),
            H("room", "0101", "101室", parent: "02/1", use: "residential", occupancy: "vacant"),
        ], HouseHeader), "houses.csv");
        var job = await EndedAsync(Leader, id);
        Assert.Equal(("done", "houses", 5, 5), (job.GetProperty("status").GetString(), job.GetProperty("kind").GetString(),
            job.GetProperty("rowsTotal").GetInt32(), job.GetProperty("rowsDone").GetInt32()));
        var houses = await _host.QueryAsync(db => db.Houses.AsNoTracking().ToListAsync(Ct));
        House Of(string code, string? kind = null) => houses.Single(h => h.Code == code && (kind is null || h.Kind == kind));
        Assert.Equal(((Guid?)null, Grid1, "gl-1"), (Of("01").ParentId, Of("01").OrgPath, Of("01").RegisteredBy));
        Assert.Equal((Guid?)Of("01").Id, Of("3").ParentId);
        Assert.Equal((Guid?)Of("3").Id, Of("1", "unit").ParentId);
        Assert.Equal(((Guid?)Of("1", "unit").Id, "rental", "occupied", Grid1), (Of("0502").ParentId, Of("0502").Use, Of("0502").Occupancy, Of("0502").OrgPath));
        Assert.Equal((Guid?)_storedBuilding, Of("0101").ParentId);
        var room = await _host.Events.WaitForAsync<HouseRegistered>(e => e.HouseId == Of("0502").Id);
        Assert.Equal(("room", "0502", (Guid?)Of("1", "unit").Id), (room.Kind, room.Code, room.ParentId));
    }

    [Fact]
    public async Task Any_faulty_row_rejects_the_file_and_stores_nothing_and_the_report_names_each()
    {
        var before = await _host.QueryAsync(db => db.Houses.CountAsync(Ct));
        var job = await ImportAsync(Csv([
            H("compound", "05", "春光小区"),                                                    // row 2: good
            H("room", "0101", "101室", parent: "05", use: "residential", occupancy: "vacant"),  // row 3: a room cannot sit in a compound
            H("unit", "1", "1单元", parent: "05/9"),                                           // row 4: no building 9
            H("compound", "05", "重复小区"),                                                    // row 5: the code of row 2
            H("building", "1", "又一个1号楼", parent: "02"),                                    // row 6: taken by the stored building
            H("room", "0102", "102室", parent: "02/1", occupancy: "vacant"),                   // row 7: a room without its use
            H("building", "7", "7号楼", org: OtherCommunity),                                  // row 8: outside the import's org
            H("tower", "8", "8号塔"),                                                          // row 9: no such kind
        ], HouseHeader), "houses.csv", kind: "houses");
        Assert.Equal(("rejected", 8, 7, 0), (job.GetProperty("status").GetString(), job.GetProperty("rowsTotal").GetInt32(),
            job.GetProperty("rowsRejected").GetInt32(), job.GetProperty("rowsDone").GetInt32()));
        Assert.Equal(before, await _host.QueryAsync(db => db.Houses.CountAsync(Ct)));
        var report = await Leader.GetStringAsync(job.GetProperty("rejectedReport").GetString(), Ct);
        var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["3,parent", "4,parent", "5,code", "6,code", "7,use", "8,orgPath", "9,kind"],
            lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))).ToArray());
        Assert.Contains("A room cannot sit in a compound.", lines[1]);
        Assert.Contains("No house 05/9 in " + Grid1, lines[2]);
        Assert.Contains("is in row 2 already", lines[3]);
        Assert.Contains("taken at that place already", lines[4]);
        Assert.Contains("Give the room's use.", lines[5]);
    }

    [Fact]
    public async Task An_xlsx_with_chinese_headers_and_values_is_stored()
    {
        string[] header = ["类型", "编码", "名称", "上级", "组织路径", "地址", "用途", "居住情况"];
        var job = await ImportAsync(Xlsx([
            ["小区", "06", "东风小区", "", Grid1, "东风路6号", "", ""],
            ["楼栋", "2", "2号楼", "06", Grid1, "", "", ""],
            ["房间", "0201", "201室", "06/2", Grid1, "", "出租", "有人居住"],
        ], header), "房屋.xlsx", kind: "houses");
        Assert.Equal("done", job.GetProperty("status").GetString());
        var room = await _host.QueryAsync(db => db.Houses.SingleAsync(h => h.Code == "0201", Ct));
        Assert.Equal(("room", "rental", "occupied"), (room.Kind, room.Use, room.Occupancy));
    }

    private async Task<JsonElement> ImportAsync(byte[] file, string fileName, string kind)
    {
        using var response = await UploadAsync(Leader, file, fileName, Community, kind: kind);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        return await EndedAsync(Leader, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
    }
}
