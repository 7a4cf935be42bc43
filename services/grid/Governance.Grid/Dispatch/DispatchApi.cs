using Governance.Grid.Data;
using Governance.Grid.Incidents;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Incidents.IncidentsApi;

namespace Governance.Grid.Dispatch;

/// <summary>The dispatch and the departments' answers over REST, under <c>/api/grid/incidents/{id}</c>.</summary>
public static class DispatchApi
{
    /// <summary><c>{"departmentId": "…", "assistingDepartmentIds": ["…"], "handlerId": "…", "note": "…"}</c></summary>
    public sealed record DispatchRequest(string? DepartmentId, IReadOnlyList<string>? AssistingDepartmentIds, string? HandlerId, string? Note);
    public sealed record FeedbackRequest(string? Note, IReadOnlyList<Attachment>? Attachments);
    public sealed record ReturnRequest(string? Reason);

    /// <summary>One department's part of one dispatch; <c>note</c> is its feedback or its reason for returning.</summary>
    public sealed record PartView(string DepartmentId, string? DepartmentName, string Role, int Round, string State,
        DateTime DispatchedAt, DateTime? AcceptedAt, DateTime? HandledAt, DateTime? ReturnedAt, string? HandlerId, string? Note);

    public static IEndpointRouteBuilder MapDispatchApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/grid/incidents");
        incidents.MapPost("/{id:guid}/dispatch", (HttpContext h, DepartmentSteps s, Guid id, DispatchRequest r, CancellationToken ct) =>
            View(s.DispatchAsync(h.Caller(), id, Order(r), ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/redispatch", (HttpContext h, DepartmentSteps s, Guid id, DispatchRequest r, CancellationToken ct) =>
            View(s.RedispatchAsync(h.Caller(), id, Order(r), ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/accept", (HttpContext h, DepartmentSteps s, Guid id, NoteRequest r, CancellationToken ct) =>
            View(s.AcceptAsync(h.Caller(), id, r.Note, ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/feedback", (HttpContext h, DepartmentSteps s, Guid id, FeedbackRequest r, CancellationToken ct) =>
            View(s.SubmitFeedbackAsync(h.Caller(), id, r.Note, r.Attachments, ct))).ProducesRefusals(400, 404, 409);
        incidents.MapPost("/{id:guid}/return", (HttpContext h, DepartmentSteps s, Guid id, ReturnRequest r, CancellationToken ct) =>
            View(s.ReturnAsync(h.Caller(), id, r.Reason, ct))).ProducesRefusals(400, 404, 409);
        incidents.MapGet("/{id:guid}/parts", Parts).ProducesRefusals(404);
        return app;
    }

    /// <summary>Every department's part of every dispatch of the incident, oldest dispatch first, lead before assisting.</summary>
    private static async Task<Ok<List<PartView>>> Parts(HttpContext http, GridDb db, RolePermissions permissions, Guid id, CancellationToken ct)
    {
        await VisibleAsync(http, db, permissions, id, ct);
        return TypedResults.Ok(await PartsOfAsync(db, id, ct));
    }

    internal static async Task<List<PartView>> PartsOfAsync(GridDb db, Guid id, CancellationToken ct)
    {
        var parts = await (from p in db.IncidentParts.AsNoTracking()
                           where p.IncidentId == id
                           join d in db.Departments on p.DepartmentId equals d.DepartmentId into named
                           from d in named.DefaultIfEmpty()
                           select new { Part = p, Name = d == null ? null : d.Name }).ToListAsync(ct);
        return parts.OrderBy(x => x.Part.Round).ThenBy(x => x.Part.Role).ThenBy(x => x.Part.Id)
            .Select(x => new PartView(x.Part.DepartmentId, x.Name, x.Part.Role.ToString().ToLowerInvariant(), x.Part.Round, x.Part.State.ToString().ToLowerInvariant(),
                x.Part.DispatchedAt, x.Part.AcceptedAt, x.Part.HandledAt, x.Part.ReturnedAt, x.Part.HandlerId, x.Part.Note)).ToList();
    }

    private static DispatchOrder Order(DispatchRequest r) => new(r.DepartmentId, r.AssistingDepartmentIds, r.HandlerId, r.Note);
}
