using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;
using Governance.Population.Tests.Moves;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Imports.ImportFiles;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Imports;

/// <summary>
/// Households imported as a job, one membership per row: the house by its path of codes, the member by their document;
/// the rules checked across the whole file, all rows or none, the rejected rows reported, and the import's org obeyed.
/// </summary>
public sealed class HouseholdImportTests : IAsyncLifetime
{
    private static readonly string[] HouseholdHeader = ["number", "kind", "house", "orgPath", "documentType", "documentNumber", "relation", "joinedOn"];
    private const string Room1 = "01/3/1/0101", Room2 = "01/3/1/0201", Room3 = "01/3/1/0301", Room4 = "01/3/1/0401";
    private PopulationHost _host = null!;
    private Guid[] _rooms = null!;
    private readonly Dictionary<int, Guid> _persons = [];

    public async ValueTask InitializeAsync()
    {
        _host = await PopulationHost.StartAsync();
        (_, _rooms) = await Homes.RoomsAsync(_host, 4);
        await Homes.RoomsAsync(_host, 1, OtherCommunity, code: "07");
        foreach (var sequence in new[] { 1, 2, 3, 4, 5, 6, 9, 20, 21, 22, 23, 24, 25, 26, 27, 40, 41 })
            _persons[sequence] = await Homes.PersonAsync(_host, sequence);
        _persons[30] = await Homes.PersonAsync(_host, 30, org: OtherCommunity);
        // Person 9 heads a household registered by hand (H0900): the number is taken, the person is a member already.
        using var registered = await _host.GridWorker().PostAsJsonAsync("/api/population/households",
            new { number = "H0900", kind = "family", houseId = _rooms[3], headId = _persons[9] }, Ct);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync(Ct));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Leader => _host.ClientAs("gl-1", Community, "grid_leader");

    private static string[] M(string number, string house, int person, string relation, string kind = "family", string org = Grid1, string joined = "") =>
        [number, kind, house, org, "resident_id", Homes.ResidentId(person), relation, joined];

    private async Task<JsonElement> ImportAsync(HttpClient client, byte[] file, string fileName, string org = Community)
    {
        using var response = await UploadAsync(client, file, fileName, org, kind: "households");
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        return await EndedAsync(client, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
    }

    private async Task<string[]> ReportAsync(HttpClient client, JsonElement job) =>
        (await client.GetStringAsync(job.GetProperty("rejectedReport").GetString(), Ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[] RowsAndColumns(string[] report) => report.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))).ToArray();

    private async Task<(int Households, int Members)> CountsAsync() => await _host.QueryAsync(async db =>
        (await db.Households.CountAsync(Ct), await db.HouseholdMembers.CountAsync(Ct)));

    [Fact]
    public async Task A_csv_registers_households_with_their_heads_members_and_relations()
    {
        var job = await ImportAsync(Leader, Csv([
            M("H0101", Room1, 1, "head", joined: "2020-05-01"),
            M("H0101", Room1, 2, "spouse", joined: "2020-05-01"),
            M("H0101", Room1, 3, "child"),
            M("H0102", Room2, 4, "head", kind: "collective"),
        ], HouseholdHeader), "households.csv");
        Assert.Equal(("done", "households", 4, 4), (job.GetProperty("status").GetString(), job.GetProperty("kind").GetString(),
            job.GetProperty("rowsTotal").GetInt32(), job.GetProperty("rowsDone").GetInt32()));

        var inRoom1 = await Leader.GetFromJsonAsync<JsonElement>($"/api/population/houses/{_rooms[0]}/households", Ct);
        var summary = inRoom1.EnumerateArray().Single(h => h.GetProperty("number").GetString() == "H0101");
        Assert.Equal(("family", _persons[1], 3, Grid1), (summary.GetProperty("kind").GetString(), summary.GetProperty("headId").GetGuid(),
            summary.GetProperty("members").GetInt32(), summary.GetProperty("orgPath").GetString()));
        var household = await Leader.GetFromJsonAsync<JsonElement>($"/api/population/households/{summary.GetProperty("id").GetGuid()}", Ct);
        var members = household.GetProperty("members").EnumerateArray()
            .Select(m => (m.GetProperty("personId").GetGuid(), m.GetProperty("relation").GetString(), m.GetProperty("joinedOn").GetString())).ToList();
        Assert.Equal((_persons[1], "head", "2020-05-01"), members[0]);
        Assert.Contains((_persons[2], "spouse", "2020-05-01"), members);
        Assert.Contains(members, m => m.Item1 == _persons[3] && m.Item2 == "child");
        var inRoom2 = await Leader.GetFromJsonAsync<JsonElement>($"/api/population/houses/{_rooms[1]}/households", Ct);
        var collective = inRoom2.EnumerateArray().Single(h => h.GetProperty("number").GetString() == "H0102");
        Assert.Equal(("collective", _persons[4], 1), (collective.GetProperty("kind").GetString(), collective.GetProperty("headId").GetGuid(),
            collective.GetProperty("members").GetInt32()));
    }

    [Fact]
    public async Task An_xlsx_with_chinese_headers_and_values_is_registered()
    {
        string[] header = ["户号", "户类型", "房屋", "组织路径", "证件类型", "证件号码", "与户主关系", "入户日期"];
        var job = await ImportAsync(Leader, Xlsx([
            ["H0301", "家庭户", Room3, Grid1, "", Homes.ResidentId(5), "户主", "2019-01-02"],
            ["H0301", "家庭户", Room3, Grid1, "", Homes.ResidentId(6), "子女", "2021/3/4"],
        ], header), "户籍.xlsx");
        Assert.Equal("done", job.GetProperty("status").GetString());
        var household = await _host.QueryAsync(db => db.Households.SingleAsync(h => h.Number == "H0301", Ct));
        var members = await _host.QueryAsync(db => db.HouseholdMembers.Where(m => m.HouseholdId == household.Id).ToListAsync(Ct));
        Assert.Equal(("family", _rooms[2], "gl-1"), (household.Kind, household.HouseId, household.RegisteredBy));
        Assert.Equal([(_persons[5], "head", new DateOnly(2019, 1, 2)), (_persons[6], "child", new DateOnly(2021, 3, 4))],
            members.OrderBy(m => m.Relation != "head").Select(m => (m.PersonId, m.Relation, m.JoinedOn)));
    }

    [Fact]
    public async Task Any_faulty_row_rejects_the_file_and_stores_nothing_and_the_report_names_each()
    {
        var before = await CountsAsync();
        var job = await ImportAsync(Leader, Csv([
            M("H0201", Room1, 20, "head"),                          // row 2: good
            M("H0201", Room1, 21, "spouse"),                        // row 3: good
            M("H0201", Room1, 22, "child", kind: "collective"),     // row 4: kind differs from row 2
            M("H0201", Room1, 23, "head"),                          // row 5: a second head
            M("H0201", Room1, 21, "child"),                         // row 6: the person of row 3
            M("H0202", Room2, 24, "spouse"),                        // row 7: H0202 has no head
            M("H0203", Room2, 500, "head"),                         // row 8: nobody registered with this document
            M("H0204", Room2, 9, "head"),                           // row 9: a member of H0900 already
            M("H0205", Room1, 25, "head", org: OtherCommunity),     // row 10: a house outside the import's org
            M("H0900", Room4, 26, "head"),                          // row 11: the number is taken
            M("H0206", "01/3/1", 27, "head"),                       // row 12: a unit is no dwelling
            M("H0207", "01/3/1/0999", 40, "head"),                  // row 13: no such room
        ], HouseholdHeader), "households.csv");
        Assert.Equal(("rejected", 12, 10, 0), (job.GetProperty("status").GetString(), job.GetProperty("rowsTotal").GetInt32(),
            job.GetProperty("rowsRejected").GetInt32(), job.GetProperty("rowsDone").GetInt32()));
        Assert.Equal(before, await CountsAsync());
        var report = await ReportAsync(Leader, job);
        Assert.Equal(["4,kind", "5,relation", "6,documentNumber", "7,relation", "8,documentNumber", "9,documentNumber", "10,orgPath", "11,number",
            "12,house", "13,house"], RowsAndColumns(report));
        Assert.Contains("Household H0201 is a family household in row 2.", report[1]);
        Assert.Contains("Household H0201 has its head in row 2 already.", report[2]);
        Assert.Contains("The same person is in row 3.", report[3]);
        Assert.Contains("Household H0202 has no head", report[4]);
        Assert.Contains("No person with this document is registered within " + Community, report[5]);
        Assert.Contains("member of another household", report[6]);
        Assert.Contains("is outside the import's org", report[7]);
        Assert.Contains("'H0900' is taken in this org already", report[8]);
        Assert.Contains("not in a unit", report[9]);
        Assert.Contains("No house 01/3/1/0999 is registered in " + Grid1, report[10]);
    }

    [Fact]
    public async Task A_caller_imports_only_within_their_org_and_finds_no_house_or_person_beyond_it()
    {
        var other = _host.ClientAs("gl-2", OtherCommunity, "grid_leader");
        var file = Csv([M("H0701", "07/3/1/0101", 30, "head", org: OtherCommunity)], HouseholdHeader);
        using (var refused = await UploadAsync(other, file, "households.csv", Community, kind: "households"))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // Within their own org, Grid1's room and person read as absent.
        var before = await CountsAsync();
        var job = await ImportAsync(other, Csv([
            M("H0702", Room1, 41, "head", org: OtherCommunity),    // row 2: no such house in their org
            M("H0703", "07/3/1/0101", 41, "head", org: OtherCommunity), // row 3: a person of Grid1
        ], HouseholdHeader), "households.csv", OtherCommunity);
        Assert.Equal(("rejected", 2), (job.GetProperty("status").GetString(), job.GetProperty("rowsRejected").GetInt32()));
        Assert.Equal(["2,house", "3,documentNumber"], RowsAndColumns(await ReportAsync(other, job)));
        Assert.Equal(before, await CountsAsync());

        job = await ImportAsync(other, file, "households.csv", OtherCommunity);
        Assert.Equal("done", job.GetProperty("status").GetString());
    }
}
