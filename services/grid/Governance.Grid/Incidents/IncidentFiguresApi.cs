using Governance.Grid.Data;
using Governance.Grid.Dispatch;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Incidents;

/// <summary>
/// <c>GET /api/grid/figures/incidents?org=632801/001&amp;since=2026-11-29T16:00:00Z</c> (permission <c>incident.read</c>
/// over <c>org</c>, which defaults to the one subtree the caller's posts reach): the command centre's counts, made by the
/// database over every incident in the subtree - those reported since <c>since</c> by their state now, and of the open
/// ones how many carry a yellow or red warning and how many are past their step's deadline.
/// <code>{ "org", "since", "reported": [ { "state", "count" } ], "open", "yellow", "red", "overdue" }</code>
/// </summary>
public static class IncidentFiguresApi
{
    public sealed record StateCount(string State, int Count);
    public sealed record FiguresView(string Org, DateTime Since, IReadOnlyList<StateCount> Reported, int Open, int Yellow, int Red, int Overdue);

    /// <summary>Where an incident's loop has ended: nothing more is due from anyone.</summary>
    private static readonly IncidentState[] Ended =
        [IncidentState.Rejected, IncidentState.Closed, IncidentState.Evaluated, IncidentState.Merged, IncidentState.HandedOver];

    public static IEndpointRouteBuilder MapIncidentFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/grid/figures/incidents", Get).ProducesRefusals(400, 403);
        return app;
    }

    private static async Task<Ok<FiguresView>> Get(HttpContext http, GridDb db, TimeProvider clock, string? org, DateTime? since, CancellationToken ct)
    {
        var path = await DepartmentFiguresApi.OrgAsync(http, org);
        if (since is null) throw DomainException.Invalid("since", "Give since: the start of the period whose reports are counted (e.g. today's midnight).");
        var from = since.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(since.Value, DateTimeKind.Utc) : since.Value.ToUniversalTime();
        await http.EnsurePermittedAsync("incident.read", path);
        var now = clock.GetUtcNow().UtcDateTime;
        var incidents = db.Incidents.AsNoTracking().WithinSubtree(i => i.OrgPath, path.Value);
        var reported = await incidents.Where(i => i.ReportedAt >= from).GroupBy(i => i.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        var open = incidents.Where(i => !Ended.Contains(i.State));
        var (all, yellow, red, overdue) = (await open.CountAsync(ct), await open.CountAsync(i => i.Warning == "yellow", ct),
            await open.CountAsync(i => i.Warning == "red", ct), await open.CountAsync(i => i.StepDueAt != null && i.StepDueAt < now, ct));
        return TypedResults.Ok(new FiguresView(path.Value, from,
            reported.OrderBy(r => r.State).Select(r => new StateCount(IncidentLedger.Name(r.State), r.Count)).ToList(), all, yellow, red, overdue));
    }
}
