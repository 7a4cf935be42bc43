using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Messaging.OrgPaths;
using Governance.Population.Data;
using Governance.Population.Imports;
using Governance.Population.Org;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Population.Tests.Imports.ImportFiles;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Imports;

/// <summary>
/// An import and a move of an org its rows land in: rows at a path a move took away are rejected when checked, and a move
/// committed between the check and the store fails the whole job (its transaction holds org moves off and checks again),
/// so no record of a file lands at a moved-away path.
/// </summary>
public sealed class ImportOrgMoveTests : IAsyncLifetime
{
    private const string MovedCommunity = "632801/004/002";
    private static readonly DateTime T0 = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
    private readonly MovingStages _stages = new();
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync(configure: b => b.Services.AddSingleton<ImportStages>(_stages));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class MovingStages : ImportStages
    {
        public Func<Task>? Meanwhile { get; set; }

        public override async Task BeforeStoreAsync(Guid jobId, CancellationToken ct)
        {
            if (Meanwhile is { } meanwhile) await meanwhile();
        }
    }

    /// <summary>The community moves to another street as identity's event applies it (OrgNodeChangedConsumer), committed.</summary>
    private async Task MoveCommunityAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PopulationDb>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var move = await db.Database.BeginTransactionAsync(ct);
            await OrgMoves.LockAsync(db, ct);
            await OrgMoves.ApplyAsync(db, Guid.NewGuid(), Community, MovedCommunity, T0, PopulationOrgPaths.Columns, ct);
            await db.SaveChangesAsync(ct);
            await move.CommitAsync(ct);
        }, Ct);
    }

    [Fact]
    public async Task A_move_committed_between_the_check_and_the_store_fails_the_whole_job()
    {
        _stages.Meanwhile = MoveCommunityAsync;
        var leader = _host.ClientAs("gl-street", Street, "grid_leader");
        using var upload = await UploadAsync(leader, Csv([Row("赵一", ResidentId(701)), Row("钱二", ResidentId(702))]), "persons.csv", Street);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var job = await EndedAsync(leader, (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("组织已调整", job.GetProperty("error").GetString());
        Assert.Equal(0, await _host.QueryAsync(db => db.Persons.CountAsync(Ct)));
    }

    [Fact]
    public async Task Rows_at_a_path_a_move_took_away_are_rejected_naming_the_org_column()
    {
        await MoveCommunityAsync();
        var leader = _host.ClientAs("gl-street", Street, "grid_leader");
        using var upload = await UploadAsync(leader, Csv([Row("孙三", ResidentId(703), org: Street), Row("李四", ResidentId(704))]), "persons.csv", Street);
        var job = await EndedAsync(leader, (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        Assert.Equal(("rejected", 1), (job.GetProperty("status").GetString(), job.GetProperty("rowsRejected").GetInt32()));
        var rejection = await _host.QueryAsync(db => db.ImportRejections.SingleAsync(Ct));
        Assert.Equal((3, "orgPath"), (rejection.Row, rejection.Column));
        Assert.Contains(MovedCommunity, rejection.ReasonEn);
        Assert.Equal(0, await _host.QueryAsync(db => db.Persons.CountAsync(Ct)));
    }
}
