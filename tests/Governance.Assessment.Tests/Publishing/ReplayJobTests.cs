using System.Net;
using Governance.Assessment.Replay;
using Governance.Assessment.Tests.Infrastructure;
using Governance.Assessment.Tests.Scores;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Tests.Publishing;

/// <summary>A host with one department's known history logged, for the replay job's tests.</summary>
public sealed class ReplayJobFixture : IAsyncLifetime
{
    public AssessmentHost Host { get; private set; } = null!;
    public int Logged { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Host = await AssessmentHost.StartAsync();
        var history = KnownHistory.Build(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Host.Org("001"), Host.Org("002"));
        foreach (var (e, id) in history) await Host.PublishAsync(e, id);
        await Host.WaitForLoggedAsync(history.Select(h => h.MessageId));
        Logged = history.Count;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Replay as a job: 202 with its location, progress and end state; one at a time across replicas (the lease); a job whose
/// replica died is shown failed and the next replay may start once the dead holder's lease has lapsed.
/// </summary>
public sealed class ReplayJobTests(ReplayJobFixture fixture) : IClassFixture<ReplayJobFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AssessmentHost Host => fixture.Host;

    [Fact]
    public async Task A_replay_starts_a_job_that_reports_its_progress_and_ends_succeeded_with_the_counts()
    {
        using var admin = Host.ClientAs("admin-county", Host.County, "admin");
        var started = await ReplayJobClient.StartAsync(admin);
        Assert.Equal("admin-county", started.RequestedBy);
        Assert.True(started.EventsTotal >= fixture.Logged, $"{started.EventsTotal} events to replay");

        var job = await ReplayJobClient.FinishedAsync(Host, admin, started.Id);
        Assert.Equal(ReplayJob.Succeeded, job.State);
        Assert.Null(job.Failure);
        Assert.NotNull(job.FinishedAt);
        Assert.True(job.EventsDone >= job.EventsTotal, $"{job.EventsDone} of {job.EventsTotal}");
        Assert.Equal(job.EventsDone, job.Result!.Events);
        Assert.True(job.Result.Incidents >= 6, $"{job.Result.Incidents} incidents");
        // The lease is free again: the next replay starts.
        await ReplayJobClient.ReplayAsync(Host, admin);

        using var assessor = Host.ClientAs("assessor-county", Host.County, "assessor");
        using var refused = await assessor.PostAsync("/api/assessment/replay", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var notShown = await assessor.GetAsync(started.Location, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notShown.StatusCode);
        using var missing = await admin.GetAsync($"/api/assessment/replay/jobs/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task While_another_replica_holds_the_lease_a_replay_is_refused_and_a_dead_replicas_job_is_shown_failed()
    {
        using var admin = Host.ClientAs("admin-county", Host.County, "admin");
        // Another replica's job, running: its heartbeat renewed the lease a moment ago.
        var other = Guid.NewGuid();
        var now = DateTime.UtcNow;
        await Host.SeedAsync(db => db.Add(new ReplayJob { Id = other, RequestedBy = "admin-other", StartedAt = now, HeartbeatAt = now, EventsTotal = 10, EventsDone = 4 }));
        await SetLeaseAsync(other.ToString("n"), now + ReplayJobRunner.StaleAfter);
        try
        {
            using var refused = await admin.PostAsync("/api/assessment/replay", null, Ct);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("ReplayRunning", await refused.Content.ReadAsStringAsync(Ct));
            var running = await Host.GetAsync<ReplayJobs.JobView>(admin, $"/api/assessment/replay/jobs/{other}");
            Assert.Equal((ReplayJob.Running, 4L, 10L), (running.State, running.EventsDone, running.EventsTotal));
            // The refused caller learns which job runs from the list (newest first) and can follow it.
            var listed = await Host.GetAsync<List<ReplayJobs.JobView>>(admin, "/api/assessment/replay/jobs");
            Assert.Equal(other, listed[0].Id);
            Assert.Equal((ReplayJob.Running, 4L), (listed[0].State, listed[0].EventsDone));
            Assert.True(listed.Count <= ReplayJobs.Listed);
            using var assessor = Host.ClientAs("assessor-county", Host.County, "assessor");
            using var notListed = await assessor.GetAsync("/api/assessment/replay/jobs", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, notListed.StatusCode);

            // The replica dies: no heartbeat since, and its lease lapsed. Any reader now sees the job failed.
            var dead = now - ReplayJobRunner.StaleAfter - TimeSpan.FromMinutes(1);
            await Host.QueryAsync(db => db.Set<ReplayJob>().Where(j => j.Id == other).ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, dead), Ct));
            await SetLeaseAsync(other.ToString("n"), dead + ReplayJobRunner.StaleAfter);
            var lost = await Host.GetAsync<ReplayJobs.JobView>(admin, $"/api/assessment/replay/jobs/{other}");
            Assert.Equal((ReplayJob.Failed, ReplayJob.ReplicaLost), (lost.State, lost.Failure));

            // Nothing to take over (its transaction rolled back with it): a new replay starts afresh.
            await ReplayJobClient.ReplayAsync(Host, admin);
        }
        finally
        {
            await Host.QueryAsync(db => db.Leases.Where(l => l.Name == Lease.Replay && l.Holder == other.ToString("n"))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, Lease.Free), CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_job_left_running_when_the_lease_lapsed_is_marked_failed_by_the_next_replay()
    {
        using var admin = Host.ClientAs("admin-county", Host.County, "admin");
        var orphan = Guid.NewGuid();
        var at = DateTime.UtcNow - TimeSpan.FromMinutes(1); // its heartbeat is recent enough, but its lease is gone
        await Host.SeedAsync(db => db.Add(new ReplayJob { Id = orphan, RequestedBy = "admin-other", StartedAt = at, HeartbeatAt = at, EventsTotal = 10 }));
        await ReplayJobClient.ReplayAsync(Host, admin);
        var job = await Host.GetAsync<ReplayJobs.JobView>(admin, $"/api/assessment/replay/jobs/{orphan}");
        Assert.Equal((ReplayJob.Failed, ReplayJob.ReplicaLost), (job.State, job.Failure));
    }

    private Task<int> SetLeaseAsync(string holder, DateTime until) => Host.QueryAsync(db => db.Leases.Where(l => l.Name == Lease.Replay)
        .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.Until, until), Ct));
}
