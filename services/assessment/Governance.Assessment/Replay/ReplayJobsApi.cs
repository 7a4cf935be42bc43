using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Assessment.Replay;

/// <summary><c>POST /api/assessment/replay</c> starts a replay job (202, its location); <c>GET /api/assessment/replay/jobs/{id}</c> follows it; <c>GET /api/assessment/replay/jobs</c> lists the newest. All <c>assessment.manage</c>.</summary>
public static class ReplayJobsApi
{
    public static RouteGroupBuilder MapReplayJobsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/replay", StartAsync).ProducesRefusals(409);
        api.MapGet("/replay/jobs", ListAsync).ProducesRefusals(403);
        api.MapGet("/replay/jobs/{id:guid}", ReadAsync).ProducesRefusals(404);
        return api;
    }

    private static async Task<Accepted<ReplayJobs.JobView>> StartAsync(HttpContext http, ReplayJobs jobs, CancellationToken ct)
    {
        var job = await jobs.StartAsync(http.Caller(), ct);
        return TypedResults.Accepted(job.Location, job);
    }

    private static async Task<Ok<IReadOnlyList<ReplayJobs.JobView>>> ListAsync(HttpContext http, ReplayJobs jobs, CancellationToken ct) =>
        TypedResults.Ok(await jobs.ListAsync(http.Caller(), ct));

    private static async Task<Ok<ReplayJobs.JobView>> ReadAsync(HttpContext http, ReplayJobs jobs, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await jobs.ReadAsync(http.Caller(), id, ct));
}
