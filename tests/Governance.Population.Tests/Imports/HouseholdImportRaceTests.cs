using System.Net;
using System.Net.Http.Json;
using Governance.Population.Imports;
using Governance.Population.Tests.Infrastructure;
using Governance.Population.Tests.Moves;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Population.Tests.Imports.ImportFiles;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Imports;

/// <summary>
/// A person of a households file made the head of a household by hand after the file was checked and before it is
/// stored: the partial unique index decides at commit, the whole job fails with the reason, and nothing of it is stored.
/// </summary>
public sealed class HouseholdImportRaceTests : IAsyncLifetime
{
    private PopulationHost _host = null!;
    private readonly RegisteringStages _stages = new();

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync(configure: b => b.Services.AddSingleton<ImportStages>(_stages));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Runs the registration by hand between the check and the store.</summary>
    private sealed class RegisteringStages : ImportStages
    {
        public Func<Task>? Meanwhile { get; set; }

        public override async Task BeforeStoreAsync(Guid jobId, CancellationToken ct)
        {
            if (Meanwhile is { } meanwhile) await meanwhile();
        }
    }

    [Fact]
    public async Task A_member_who_joins_a_household_meanwhile_fails_the_whole_job()
    {
        var (_, rooms) = await Homes.RoomsAsync(_host, 2);
        var zhang = await Homes.PersonAsync(_host, 601);
        await Homes.PersonAsync(_host, 602);
        _stages.Meanwhile = async () =>
        {
            using var registered = await _host.GridWorker().PostAsJsonAsync("/api/population/households",
                new { number = "H7777", kind = "family", houseId = rooms[1], headId = zhang }, Ct);
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        };
        string[] header = ["number", "kind", "house", "orgPath", "documentNumber", "relation"];
        var leader = _host.ClientAs("gl-1", Community, "grid_leader");
        using var upload = await UploadAsync(leader, Csv([
            ["H0601", "family", "01/3/1/0101", Grid1, Homes.ResidentId(602), "head"],
            ["H0601", "family", "01/3/1/0101", Grid1, Homes.ResidentId(601), "spouse"],
        ], header), "households.csv", Community, kind: "households");
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var job = await EndedAsync(leader, (await upload.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetGuid());
        Assert.Equal("failed", job.GetProperty("status").GetString());
        // Chinese first: the uploader reads the reason in their language.
        Assert.Contains("文件中的某人已加入某户", job.GetProperty("error").GetString());
        Assert.Equal(["H7777"], await _host.QueryAsync(db => db.Households.Select(h => h.Number).ToListAsync(Ct)));
        Assert.Equal(1, await _host.QueryAsync(db => db.HouseholdMembers.CountAsync(Ct)));
    }
}
