using System.Net;
using System.Net.Http.Json;
using Governance.Assessment.Replay;
using Governance.Assessment.Tests.Infrastructure;

namespace Governance.Assessment.Tests.Publishing;

/// <summary>Starts a replay job over REST and follows it to its end, as an operator's script would.</summary>
internal static class ReplayJobClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ReplayJobs.JobView> StartAsync(HttpClient admin)
    {
        using var started = await admin.PostAsync("/api/assessment/replay", null, Ct);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"{(int)started.StatusCode} {await started.Content.ReadAsStringAsync(Ct)}");
        var job = (await started.Content.ReadFromJsonAsync<ReplayJobs.JobView>(Ct))!;
        Assert.Equal($"/api/assessment/replay/jobs/{job.Id}", started.Headers.Location?.OriginalString);
        return job;
    }

    public static async Task<ReplayJobs.JobView> FinishedAsync(AssessmentHost host, HttpClient admin, Guid id)
    {
        ReplayJobs.JobView job = null!;
        Assert.True(await AssessmentHost.WaitUntilAsync(async () =>
        {
            job = await host.GetAsync<ReplayJobs.JobView>(admin, $"/api/assessment/replay/jobs/{id}");
            return job.State != ReplayJob.Running;
        }, TimeSpan.FromSeconds(120)), "The replay job never ended.");
        return job;
    }

    /// <summary>Starts a replay and waits for it to succeed.</summary>
    public static async Task<ReplayJobs.JobView> ReplayAsync(AssessmentHost host, HttpClient admin)
    {
        var job = await FinishedAsync(host, admin, (await StartAsync(admin)).Id);
        Assert.True(job.State == ReplayJob.Succeeded, $"Replay job {job.Id}: {job.State} ({job.Failure})");
        return job;
    }
}
