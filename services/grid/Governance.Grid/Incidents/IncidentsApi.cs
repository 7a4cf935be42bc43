using Governance.Grid.Data;
using Governance.Grid.Dispatch;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Governance.ServiceDefaults.Data;

namespace Governance.Grid.Incidents;

/// <summary>The console's REST API for the closed loop, under <c>/api/grid/incidents</c>.</summary>
public static class IncidentsApi
{
    public sealed record ReportedView(IncidentView Incident, IReadOnlyList<IncidentView> PossibleDuplicates);
    public sealed record RegisterRequest(string? Category, string? Urgency, string? Note);
    public sealed record NoteRequest(string? Note);
    public sealed record RejectRequest(string? Reason);
    public sealed record VerifyRequest(bool? Passed, string? Note, IReadOnlyList<Attachment>? Attachments);
    public sealed record EvaluateRequest(int? Satisfaction, string? Note);
    public sealed record ExtensionRequest(DateTime? Until, string? Reason);
    public sealed record DecisionRequest(bool? Approve, string? Note);
    public sealed record MergeRequest(Guid? Into);

    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/grid/incidents");
        incidents.MapPost("", Report).ProducesRefusals(400, 409);
        incidents.MapGet("", List).ProducesRefusals(400);
        incidents.MapGet("/{id:guid}", Get).ProducesRefusals(404);
        incidents.MapGet("/{id:guid}/timeline", Timeline).ProducesRefusals(404);
        incidents.MapPost("/{id:guid}/register", (HttpContext h, IncidentWorkflow w, Guid id, RegisterRequest r, CancellationToken ct) =>
            View(w.RegisterAsync(h.Caller(), id, r.Category, r.Urgency, r.Note, ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/reject", (HttpContext h, IncidentWorkflow w, Guid id, RejectRequest r, CancellationToken ct) =>
            View(w.RejectAsync(h.Caller(), id, r.Reason, ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/verify", (HttpContext h, IncidentWorkflow w, Guid id, VerifyRequest r, CancellationToken ct) =>
            View(w.VerifyAsync(h.Caller(), id, r.Passed ?? throw DomainException.Invalid("passed", "Say whether the verification passed."), r.Note, r.Attachments, ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/close", (HttpContext h, IncidentWorkflow w, Guid id, NoteRequest r, CancellationToken ct) =>
            View(w.CloseAsync(h.Caller(), id, r.Note, ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/evaluate", (HttpContext h, IncidentWorkflow w, Guid id, EvaluateRequest r, CancellationToken ct) =>
            View(w.EvaluateAsync(h.Caller(), id, r.Satisfaction, r.Note, ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/extension", (HttpContext h, IncidentCoordination c, Guid id, ExtensionRequest r, CancellationToken ct) =>
            View(c.RequestExtensionAsync(h.Caller(), id, r.Until, r.Reason, ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/extension/decision", (HttpContext h, IncidentCoordination c, Guid id, DecisionRequest r, CancellationToken ct) =>
            View(c.DecideExtensionAsync(h.Caller(), id, r.Approve ?? throw DomainException.Invalid("approve", "Say whether the extension is approved."), r.Note, ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/escalate", (HttpContext h, IncidentCoordination c, Guid id, RejectRequest r, CancellationToken ct) =>
            View(c.EscalateAsync(h.Caller(), id, r.Reason, ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/merge", (HttpContext h, IncidentCoordination c, Guid id, MergeRequest r, CancellationToken ct) =>
            View(c.MergeAsync(h.Caller(), id, r.Into ?? throw DomainException.Invalid("into", "Name the incident to merge into."), ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/hand-over", (HttpContext h, IncidentCoordination c, Guid id, NoteRequest r, CancellationToken ct) =>
            View(c.HandOverDisputeAsync(h.Caller(), id, r.Note, ct))).ProducesRefusals(400, 404, 409);
        return app;
    }

    /// <summary>201 with the new incident; 200 with the incident a request id already opened (a retry).</summary>
    private static async Task<Results<Created<ReportedView>, Ok<ReportedView>>> Report(HttpContext http, IncidentWorkflow workflow, ReportRequest request,
        CancellationToken ct)
    {
        var reported = await workflow.ReportAsync(http.Caller(), request, ct);
        var (incident, duplicates) = reported;
        var view = new ReportedView(IncidentView.From(incident), duplicates.Select(IncidentView.From).ToList());
        return reported.Replayed ? TypedResults.Ok(view) : TypedResults.Created($"/api/grid/incidents/{incident.Id}", view);
    }

    /// <summary>
    /// Incidents inside the subtrees of the caller's posts that carry <c>incident.read</c>, newest first;
    /// a department's staff see what was dispatched to their department. <c>org</c> narrows either to one subtree
    /// (the console's map asks for a community's), <c>source</c> to one way in (the centre's view of video alarms).
    /// </summary>
    private static async Task<Ok<List<IncidentView>>> List(HttpContext http, GridDb db, RolePermissions permissions, string? state, bool? assignedToMyDepartment,
        string? org, string? source, int? limit, CancellationToken ct)
    {
        OrgPath? within = null;
        if (org is not null && !OrgPath.TryParse(org, out within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
        var caller = http.Caller();
        var query = db.Incidents.AsNoTracking();
        if (assignedToMyDepartment == true)
            query = query.LedOrAssistedBy(db, caller.Department ?? "\0");
        else if (caller.OrgPath is not null || caller.Posts.Count > 0)
            query = query.WithinAnySubtree(await permissions.PermittedSubtreesAsync(caller, "incident.read", ct), i => i.OrgPath);
        else
            return TypedResults.Ok(new List<IncidentView>());
        if (!await permissions.PermitsAsync(caller.Roles, "incident.read", ct))
            throw DomainException.Forbidden("This needs the permission 'incident.read', which none of your roles carries.");
        if (!string.IsNullOrEmpty(state))
        {
            var s = IncidentInput.State(state);
            query = query.Where(i => i.State == s);
        }
        if (!string.IsNullOrEmpty(source))
        {
            var from = IncidentInput.Source(source);
            query = query.Where(i => i.Source == from);
        }
        if (within is not null) query = query.WithinSubtree(i => i.OrgPath, within.Value);
        var found = await query.OrderByDescending(i => i.ReportedAt).Take(Math.Clamp(limit ?? 50, 1, 500)).ToListAsync(ct);
        return TypedResults.Ok(found.Select(IncidentView.From).ToList());
    }

    private static async Task<Ok<IncidentView>> Get(HttpContext http, GridDb db, RolePermissions permissions, Guid id, CancellationToken ct) =>
        TypedResults.Ok(IncidentView.From(await VisibleAsync(http, db, permissions, id, ct)));

    private static async Task<Ok<List<StepView>>> Timeline(HttpContext http, GridDb db, RolePermissions permissions, Guid id, CancellationToken ct)
    {
        await VisibleAsync(http, db, permissions, id, ct);
        var steps = await db.IncidentSteps.AsNoTracking().Where(s => s.IncidentId == id).OrderBy(s => s.Id).ToListAsync(ct);
        return TypedResults.Ok(steps.Select(StepView.From).ToList());
    }

    /// <summary>An incident the caller may read: in their subtree, or led or assisted by their department. Otherwise it reads as absent.</summary>
    internal static async Task<Incident> VisibleAsync(HttpContext http, GridDb db, RolePermissions permissions, Guid id, CancellationToken ct)
    {
        var caller = http.Caller();
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        var visible = incident is not null && (await permissions.IsPermittedAsync(caller, "incident.read", OrgPath.Parse(incident.OrgPath), ct)
            || (caller.Department is { } department && await permissions.PermitsAsync(caller.Roles, "incident.read", ct)
                && await AssignedIncidents.IsLedOrAssistedByAsync(db, id, department, ct)));
        return visible ? incident! : throw DomainException.NotFound($"No incident {id} within your reach.");
    }

    internal static async Task<Ok<IncidentView>> View(Task<Incident> step) => TypedResults.Ok(IncidentView.From(await step));
}
