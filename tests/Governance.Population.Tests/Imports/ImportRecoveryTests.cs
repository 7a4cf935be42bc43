using Governance.Contracts.Population.V1;
using Governance.Population.Imports;
using Governance.Population.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Population.Tests.Imports.ImportFiles;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Imports;

/// <summary>
/// A replica stopped between storing the rows and committing them: nothing of the import is visible,
/// and once the job's heartbeat is stale it is started over from nothing and stored once. Progress is
/// followed over gRPC's WatchImport to the end.
/// </summary>
public sealed class ImportRecoveryTests : IAsyncLifetime
{
    private PopulationHost _host = null!;
    private readonly StoppingStages _stages = new();

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync(
        new Dictionary<string, string?> { ["Population:Imports:PollSeconds"] = "1", ["Population:Imports:StaleAfterSeconds"] = "60" },
        configure: b => b.Services.AddSingleton<ImportStages>(_stages));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Leader => _host.ClientAs("gl-1", Community, "grid_leader");

    /// <summary>Holds the first import before its commit until told, then stops it as a dying replica would.</summary>
    private sealed class StoppingStages : ImportStages
    {
        public readonly TaskCompletionSource Reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public override async Task BeforeCommitAsync(Guid jobId, CancellationToken ct)
        {
            if (Interlocked.Increment(ref _calls) > 1) return;
            Reached.SetResult();
            await Stop.Task.WaitAsync(ct);
            throw new OperationCanceledException("The replica stops.");
        }
    }

    [Fact]
    public async Task A_job_stopped_before_its_commit_leaves_nothing_and_is_started_over_from_nothing()
    {
        var rows = Enumerable.Range(100, 50).Select(i => Row($"居民{i}", ResidentId(i))).ToArray();
        var id = await QueueAsync(Leader, Csv(rows), "persons.csv", Community);
        await _stages.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // Every row is written in the import's transaction, and none of it is visible.
        var job = await JobAsync(Leader, id);
        Assert.Equal(("importing", 50, 50), (job.GetProperty("status").GetString(), job.GetProperty("rowsTotal").GetInt32(), job.GetProperty("rowsDone").GetInt32()));
        Assert.Equal(0, await _host.QueryAsync(db => db.Persons.CountAsync(Ct)));
        // The upload waiting in the database is encrypted: no number of the file is in it in plain text.
        var pieces = await _host.QueryAsync(db => db.ImportChunks.Select(c => c.Data).ToListAsync(Ct));
        Assert.NotEmpty(pieces);
        Assert.All(pieces, p => Assert.DoesNotContain(ResidentId(100), System.Text.Encoding.Latin1.GetString(p)));

        _stages.Stop.SetResult();
        // The stopped replica left its job as it was: only a stale heartbeat lets the job be taken over.
        Assert.True(await Eventually.HoldsAsync(async () => (await _host.QueryAsync(db => db.ImportJobs.SingleAsync(Ct))).Attempt == 1, Ct));
        Assert.Equal(0, await _host.QueryAsync(db => db.Persons.CountAsync(Ct)));
        Assert.Equal(ImportStatus.Importing, (await _host.QueryAsync(db => db.ImportJobs.SingleAsync(Ct))).Status);

        _host.Clock.Advance(TimeSpan.FromMinutes(2));
        job = await EndedAsync(Leader, id);
        Assert.Equal(("done", 50), (job.GetProperty("status").GetString(), job.GetProperty("rowsDone").GetInt32()));
        Assert.Equal(50, await _host.QueryAsync(db => db.Persons.CountAsync(Ct)));
        Assert.Equal(2, (await _host.QueryAsync(db => db.ImportJobs.SingleAsync(Ct))).Attempt);
    }

    [Fact]
    public async Task WatchImport_streams_the_progress_until_the_job_ends()
    {
        _stages.Stop.SetResult();
        using var channel = GrpcChannel.ForAddress(_host.Grpc);
        var client = new PopulationService.PopulationServiceClient(channel);
        var options = new CallOptions(new Metadata { { "authorization", "Bearer " + _host.Issuer.TokenFor("gl-1", Community, ["grid_leader"]) } },
            DateTime.UtcNow.AddSeconds(60), Ct);
        var id = await QueueAsync(Leader, Csv([Row("王五", ResidentId(200)), Row("赵六", ResidentId(201))]), "persons.csv", Community);
        // The first attempt is stopped before its commit (as above); the stale job is taken over once the clock moves.
        await _stages.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        using var call = client.WatchImport(new WatchImportRequest { JobId = id.ToString() }, options);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal("importing", call.ResponseStream.Current.Status);
        _host.Clock.Advance(TimeSpan.FromMinutes(2));
        var seen = new List<ImportProgress> { call.ResponseStream.Current };
        while (await call.ResponseStream.MoveNext(Ct)) seen.Add(call.ResponseStream.Current);
        Assert.Equal(("done", 2, 2), (seen[^1].Status, seen[^1].RowsTotal, seen[^1].RowsDone));

        var stranger = new CallOptions(new Metadata { { "authorization", "Bearer " + _host.Issuer.TokenFor("gl-2", OtherCommunity, ["grid_leader"]) } },
            DateTime.UtcNow.AddSeconds(30), Ct);
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var other = client.WatchImport(new WatchImportRequest { JobId = id.ToString() }, stranger);
            await other.ResponseStream.MoveNext(Ct);
        });
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        var malformed = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var bad = client.WatchImport(new WatchImportRequest { JobId = "nope" }, options);
            await bad.ResponseStream.MoveNext(Ct);
        });
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }
}
