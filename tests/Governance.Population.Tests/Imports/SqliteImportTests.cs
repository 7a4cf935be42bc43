using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Imports.ImportFiles;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Imports;

/// <summary>The standalone host's path: SQLite, rows stored through EF in the one transaction, duplicates found one by one.</summary>
public sealed class SqliteImportTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync(sqlite: true);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Good_rows_are_stored_and_a_file_with_a_registered_person_is_rejected_whole()
    {
        var leader = _host.ClientAs("gl-1", Community, "grid_leader");
        var first = await QueueAsync(leader, Xlsx([Row("王五", ResidentId(1)), FloatingRow("赵六", ResidentId(2))]), "a.xlsx", Community);
        Assert.Equal("done", (await EndedAsync(leader, first)).GetProperty("status").GetString());
        var second = await QueueAsync(leader, Csv([Row("孙八", ResidentId(3)), Row("王五", ResidentId(1))]), "b.csv", Community);
        var job = await EndedAsync(leader, second);
        Assert.Equal(("rejected", 1), (job.GetProperty("status").GetString(), job.GetProperty("rowsRejected").GetInt32()));
        Assert.Equal(2, await _host.QueryAsync(db => db.Persons.CountAsync(p => p.OrgPath == Grid1, Ct)));
        Assert.Contains("3,documentNumber,", await leader.GetStringAsync($"/api/population/imports/{second}/rejected", Ct));
    }

    [Fact]
    public async Task Households_are_stored_and_their_members_found_one_by_one()
    {
        var leader = _host.ClientAs("gl-1", Community, "grid_leader");
        var (_, rooms) = await Moves.Homes.RoomsAsync(_host, 1, code: "05");
        // In the community itself: the persons test counts Grid1's.
        var head = await Moves.Homes.PersonAsync(_host, 501, org: Community);
        await Moves.Homes.PersonAsync(_host, 502, org: Community);
        string[] header = ["number", "kind", "house", "orgPath", "documentNumber", "relation"];
        var id = await UploadedAsync(leader, Csv([
            ["H0501", "family", "05/3/1/0101", Grid1, Moves.Homes.ResidentId(501), "head"],
            ["H0501", "family", "05/3/1/0101", Grid1, Moves.Homes.ResidentId(502), "child"],
        ], header));
        Assert.Equal("done", (await EndedAsync(leader, id)).GetProperty("status").GetString());
        var household = await _host.QueryAsync(db => db.Households.SingleAsync(h => h.Number == "H0501", Ct));
        Assert.Equal(rooms[0], household.HouseId);
        Assert.Equal(2, await _host.QueryAsync(db => db.HouseholdMembers.CountAsync(m => m.HouseholdId == household.Id, Ct)));

        // Again: the number is taken and both are members already.
        id = await UploadedAsync(leader, Csv([["H0501", "family", "05/3/1/0101", Grid1, Moves.Homes.ResidentId(501), "head"]], header));
        var job = await EndedAsync(leader, id);
        Assert.Equal(("rejected", 1), (job.GetProperty("status").GetString(), job.GetProperty("rowsRejected").GetInt32()));
        Assert.Contains("2,number,", await leader.GetStringAsync($"/api/population/imports/{id}/rejected", Ct));
        Assert.Equal(head, await _host.QueryAsync(db => db.HouseholdMembers.Where(m => m.Relation == "head").Select(m => m.PersonId).SingleAsync(Ct)));
    }

    private static async Task<Guid> UploadedAsync(HttpClient client, byte[] file)
    {
        using var response = await UploadAsync(client, file, "households.csv", Community, kind: "households");
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content, Ct)).GetProperty("id").GetGuid();
    }
}
