using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Governance.Assessment.Data;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Assessment.Replay;

/// <summary>
/// Runs the replay jobs this replica started, off the request that asked for them. While one runs, a heartbeat writes
/// its progress to the job's row and renews the replay lease (on PostgreSQL; on SQLite the rebuild's transaction holds
/// the only writer lock, so the standalone keeps its progress in memory and its lease for <see cref="Replayer.LeaseLength"/>).
/// A job ends succeeded, or failed (<see cref="ReplayJob.Error"/>, or <see cref="ReplayJob.ServiceStopped"/> when the host stops
/// under it); either way its rebuild's transaction committed whole or rolled back whole, and the lease is freed.
/// </summary>
public sealed partial class ReplayJobRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReplayJobRunner> logger) : IHostedService, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<Guid, StrongBox<long>> _progress = new();
    private readonly ConcurrentDictionary<Guid, Task> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>How often a running job's replica says it is alive (on PostgreSQL).</summary>
    public static TimeSpan HeartbeatEvery { get; } = TimeSpan.FromSeconds(15);

    /// <summary>A running job whose heartbeat is older than this belongs to a replica that stopped; the lease lapses as long after its last renewal.</summary>
    public static TimeSpan StaleAfter { get; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether heartbeats are written beside a running rebuild (PostgreSQL), or the rebuild holds the only writer (SQLite).</summary>
    public static bool Heartbeats(DbContext db) => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>The events folded so far by job <paramref name="id"/> if this replica runs it.</summary>
    public long? Progress(Guid id) => _progress.TryGetValue(id, out var done) ? Interlocked.Read(ref done.Value) : null;

    /// <summary>Runs job <paramref name="id"/>, whose lease the caller took with the job's id as holder.</summary>
    internal void Start(Guid id)
    {
        var done = new StrongBox<long>();
        _progress[id] = done;
        _running[id] = Task.Run(() => RunAsync(id, done));
    }

    private async Task RunAsync(Guid id, StrongBox<long> done)
    {
        using var beating = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var heartbeat = Task.CompletedTask;
        string state = ReplayJob.Failed, failure = ReplayJob.Error;
        string? result = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (Heartbeats(scope.ServiceProvider.GetRequiredService<AssessmentDb>())) heartbeat = BeatAsync(id, done, beating.Token);
            var outcome = await scope.ServiceProvider.GetRequiredService<Replayer>().RunAsync(n => Interlocked.Exchange(ref done.Value, n), _stopping.Token);
            (state, result) = (ReplayJob.Succeeded, JsonSerializer.Serialize(outcome, Json));
            LogFinished(logger, id, outcome.Events, outcome.ElapsedMs);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            failure = ReplayJob.ServiceStopped;
        }
        catch (Exception e)
        {
            LogFailed(logger, id, e);
        }
        finally
        {
            await beating.CancelAsync();
            await heartbeat;
        }
        await FinishAsync(id, done, state, state == ReplayJob.Failed ? failure : null, result);
    }

    // The end state and the lease freed, in one transaction: a reader who sees the job ended may start the next replay at
    // once (freed after, a start in between was refused ReplayRunning). Only a job still shown running is ended: one another
    // replica declared lost stays so.
    private async Task FinishAsync(Guid id, StrongBox<long> done, string state, string? failure, string? result)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AssessmentDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            var events = Interlocked.Read(ref done.Value);
            var replayer = scope.ServiceProvider.GetRequiredService<Replayer>();
            await db.SaveInOneTransactionAsync(async attempt =>
            {
                await db.Set<ReplayJob>().Where(j => j.Id == id && j.State == ReplayJob.Running).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, state).SetProperty(j => j.Failure, failure).SetProperty(j => j.Result, result)
                    .SetProperty(j => j.EventsDone, events).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.HeartbeatAt, now), attempt);
                await replayer.ReleaseLeaseAsync(id.ToString("n"));
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The heartbeat has stopped: readers will show the job failed once it is stale, and the lease lapses by itself.
            LogNotRecorded(logger, id, e);
        }
        finally
        {
            _progress.TryRemove(id, out _);
            _running.TryRemove(id, out _);
        }
    }

    private async Task BeatAsync(Guid id, StrongBox<long> done, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(HeartbeatEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AssessmentDb>();
                    var now = clock.GetUtcNow().UtcDateTime;
                    var (events, holder, until) = (Interlocked.Read(ref done.Value), id.ToString("n"), now + StaleAfter);
                    await db.Set<ReplayJob>().Where(j => j.Id == id && j.State == ReplayJob.Running)
                        .ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now).SetProperty(j => j.EventsDone, events), ct);
                    await db.Leases.Where(l => l.Name == Lease.Replay && l.Holder == holder).ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, until), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogHeartbeatFailed(logger, id, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended.
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Cancels running jobs (their transactions roll back) and waits for them to record that they failed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay job {JobId} folded {Events} events in {ElapsedMs} ms")]
    private static partial void LogFinished(ILogger logger, Guid jobId, long events, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replay job {JobId} failed; the facts are as they were before it")]
    private static partial void LogFailed(ILogger logger, Guid jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay job {JobId}: heartbeat not written")]
    private static partial void LogHeartbeatFailed(ILogger logger, Guid jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replay job {JobId}: its end state could not be recorded")]
    private static partial void LogNotRecorded(ILogger logger, Guid jobId, Exception exception);
}
