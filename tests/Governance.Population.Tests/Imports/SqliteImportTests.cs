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
        Assert.Equal(2, await _host.QueryAsync(db => db.Persons.CountAsync(Ct)));
        Assert.Contains("3,documentNumber,", await leader.GetStringAsync($"/api/population/imports/{second}/rejected", Ct));
    }
}
