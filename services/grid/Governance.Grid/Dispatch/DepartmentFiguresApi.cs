using Governance.Grid.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Dispatch;

/// <summary>
/// <c>GET /api/grid/figures/departments?org=632801/001&amp;from=2026-01-01&amp;to=2026-02-01</c> (permission
/// <c>incident.read</c> over <c>org</c>, which defaults to the one subtree the caller's posts reach):
/// per department, the parts it was given on incidents lying in <c>org</c> in the period (by dispatch
/// time, [from, to)) and what became of them.
/// <code>{ "org": …, "from": …, "to": …, "departments": [ { "departmentId", "name", "led", "assisted", "accepted", "handled", "returned", "returnedAsLead" } ] }</code>
/// </summary>
public static class DepartmentFiguresApi
{
    /// <summary>
    /// <c>Led</c>/<c>Assisted</c>: parts given as lead (主办) or assisting (协办) department; <c>Accepted</c>,
    /// <c>Handled</c>: of those, accepted and fed back on; <c>Returned</c>: returned as not its own (退单),
    /// <c>ReturnedAsLead</c> the lead's returns among them (each sent the incident back for re-dispatch).
    /// </summary>
    public sealed record DepartmentFigures(string DepartmentId, string? Name, int Led, int Assisted, int Accepted, int Handled, int Returned, int ReturnedAsLead);
    public sealed record FiguresView(string Org, DateTime? From, DateTime? To, IReadOnlyList<DepartmentFigures> Departments);

    public static IEndpointRouteBuilder MapDepartmentFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/grid/figures/departments", Get).ProducesRefusals(400, 403);
        return app;
    }

    private static async Task<Ok<FiguresView>> Get(HttpContext http, GridDb db, string? org, DateTime? from, DateTime? to, CancellationToken ct)
    {
        var path = await OrgAsync(http, org);
        (from, to) = (Utc(from), Utc(to));
        if (from is { } f && to is { } t && f >= t) throw DomainException.Invalid("to", "The period's end (to) must come after its start (from).");
        await http.EnsurePermittedAsync("incident.read", path);
        var parts = from p in db.IncidentParts.AsNoTracking()
                    join i in db.Incidents.AsNoTracking().WithinSubtree(i => i.OrgPath, path.Value) on p.IncidentId equals i.Id
                    select p;
        if (from is { } start) parts = parts.Where(p => p.DispatchedAt >= start);
        if (to is { } end) parts = parts.Where(p => p.DispatchedAt < end);
        var rows = await parts.GroupBy(p => p.DepartmentId).Select(g => new
        {
            DepartmentId = g.Key,
            Led = g.Count(p => p.Role == PartRole.Lead),
            Assisted = g.Count(p => p.Role == PartRole.Assisting),
            Accepted = g.Count(p => p.AcceptedAt != null),
            Handled = g.Count(p => p.HandledAt != null),
            Returned = g.Count(p => p.State == PartState.Returned),
            ReturnedAsLead = g.Count(p => p.State == PartState.Returned && p.Role == PartRole.Lead),
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.DepartmentId).ToList();
        var names = await db.Departments.AsNoTracking().Where(d => ids.Contains(d.DepartmentId)).ToDictionaryAsync(d => d.DepartmentId, d => d.Name, ct);
        var departments = rows.OrderBy(r => r.DepartmentId, StringComparer.Ordinal)
            .Select(r => new DepartmentFigures(r.DepartmentId, names.GetValueOrDefault(r.DepartmentId), r.Led, r.Assisted, r.Accepted, r.Handled, r.Returned, r.ReturnedAsLead))
            .ToList();
        return TypedResults.Ok(new FiguresView(path.Value, from, to, departments));
    }

    /// <summary>The subtree asked for, or the one subtree the caller's posts carrying <c>incident.read</c> reach.</summary>
    internal static async Task<OrgPath> OrgAsync(HttpContext http, string? org)
    {
        if (org is not null)
            return OrgPath.TryParse(org, out var path) ? path : throw DomainException.Invalid("org", $"The org '{org}' is not an org path such as 632801/001.");
        var caller = http.Caller();
        var subtrees = await http.PermittedSubtreesAsync("incident.read");
        return subtrees.Count switch
        {
            1 => subtrees[0],
            0 => caller.OrgPath ?? throw DomainException.Invalid("org", "Your token names no org node: give org."),
            _ => throw DomainException.Invalid("org", $"Your posts reach several subtrees ({string.Join(", ", subtrees)}): give org, one of them or a node inside one."),
        };
    }

    // A date without an offset is read as UTC (Npgsql refuses an unspecified kind for timestamptz).
    private static DateTime? Utc(DateTime? value) => value is { } v
        ? v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v.ToUniversalTime()
        : null;
}
