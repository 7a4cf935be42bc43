using System.Text.Json;
using Governance.Assessment.Access;
using Governance.Assessment.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Replay;

/// <summary>
/// Replay as a job (<c>POST /api/assessment/replay</c> answers 202 at once, <c>GET /api/assessment/replay/jobs/{id}</c>
/// follows it). One replay at a time across replicas: starting one takes the replay lease, held under the job's id and
/// renewed by its heartbeat (<see cref="ReplayJobRunner"/>). A job whose replica died is shown failed
/// (<see cref="ReplayJob.ReplicaLost"/>), never taken over: its rebuild was one transaction, which rolled back with the
/// replica's connection, so the facts are the old ones intact and there is nothing to resume: asking again starts afresh
/// once the dead holder's lease has lapsed.
/// </summary>
public sealed class ReplayJobs(AssessmentDb db, Replayer replayer, ReplayJobRunner runner, RolePermissions permissions, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="Failure">Why it failed: <c>replica_lost</c>, <c>service_stopped</c> or <c>error</c>.</param>
    public sealed record JobView(Guid Id, string State, string RequestedBy, DateTime StartedAt, DateTime HeartbeatAt, DateTime? FinishedAt, long EventsTotal,
        long EventsDone, string? Failure, Replayer.ReplayResult? Result)
    {
        public string Location => $"/api/assessment/replay/jobs/{Id}";
    }

    public async Task<JobView> StartAsync(Caller caller, CancellationToken ct)
    {
        await permissions.EnsureAnyRoleCarriesAsync(caller, AssessmentPermissions.Manage, ct);
        var id = Guid.CreateVersion7();
        var holder = id.ToString("n");
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + (ReplayJobRunner.Heartbeats(db) ? ReplayJobRunner.StaleAfter : Replayer.LeaseLength);
        if (!await replayer.TryTakeLeaseAsync(holder, until, ct))
            throw DomainException.RuleViolated("ReplayRunning", "A replay is running already; ask again when it has finished.");
        try
        {
            // The lease was free, so a job still shown running lost its replica (its lease lapsed with its heartbeat).
            await Jobs.Where(j => j.State == ReplayJob.Running).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, ReplayJob.Failed).SetProperty(j => j.Failure, ReplayJob.ReplicaLost).SetProperty(j => j.FinishedAt, now), ct);
            var job = new ReplayJob
            {
                Id = id, RequestedBy = caller.Subject, StartedAt = now, HeartbeatAt = now, EventsTotal = await db.Events.LongCountAsync(ct),
            };
            db.Add(job);
            await db.SaveChangesAsync(ct);
            runner.Start(id);
            return View(job);
        }
        catch
        {
            await replayer.ReleaseLeaseAsync(holder);
            throw;
        }
    }

    public async Task<JobView> ReadAsync(Caller caller, Guid id, CancellationToken ct)
    {
        await permissions.EnsureAnyRoleCarriesAsync(caller, AssessmentPermissions.Manage, ct);
        var job = await Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct) ?? throw DomainException.NotFound("No such replay job.");
        if (runner.Progress(id) is { } done) return View(job) with { EventsDone = Math.Max(done, job.EventsDone) };
        var stale = clock.GetUtcNow().UtcDateTime - ReplayJobRunner.StaleAfter;
        if (job.State == ReplayJob.Running && job.HeartbeatAt < stale)
        {
            // Not run here and no heartbeat for too long: its replica is gone. Recorded once, by whichever reader sees it first.
            var now = clock.GetUtcNow().UtcDateTime;
            await Jobs.Where(j => j.Id == id && j.State == ReplayJob.Running && j.HeartbeatAt < stale).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, ReplayJob.Failed).SetProperty(j => j.Failure, ReplayJob.ReplicaLost).SetProperty(j => j.FinishedAt, now), ct);
            job = await Jobs.AsNoTracking().FirstAsync(j => j.Id == id, ct);
        }
        return View(job);
    }

    /// <summary>
    /// The newest <see cref="Listed"/> jobs, newest first: how an operator (or the console, after a 409 <c>ReplayRunning</c>)
    /// learns which job is running and follows it. Each shown as <see cref="ReadAsync"/> would (progress, a lost replica).
    /// </summary>
    public async Task<IReadOnlyList<JobView>> ListAsync(Caller caller, CancellationToken ct)
    {
        await permissions.EnsureAnyRoleCarriesAsync(caller, AssessmentPermissions.Manage, ct);
        var ids = await Jobs.AsNoTracking().OrderByDescending(j => j.StartedAt).ThenByDescending(j => j.Id).Take(Listed).Select(j => j.Id).ToListAsync(ct);
        var views = new List<JobView>(ids.Count);
        foreach (var id in ids) views.Add(await ReadAsync(caller, id, ct));
        return views;
    }

    /// <summary>How many jobs the list shows: the recent ones; older jobs are still read by their id.</summary>
    public const int Listed = 20;

    private DbSet<ReplayJob> Jobs => db.Set<ReplayJob>();

    private static JobView View(ReplayJob j) => new(j.Id, j.State, j.RequestedBy, j.StartedAt, j.HeartbeatAt, j.FinishedAt, j.EventsTotal, j.EventsDone, j.Failure,
        j.Result is null ? null : JsonSerializer.Deserialize<Replayer.ReplayResult>(j.Result, Json));
}
