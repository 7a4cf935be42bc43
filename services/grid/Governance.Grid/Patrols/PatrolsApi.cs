using Governance.Grid.Data;
using Governance.Grid.Incidents;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Governance.ServiceDefaults.Data;

namespace Governance.Grid.Patrols;

/// <summary>
/// Patrol logs under <c>/api/grid/patrols</c>, and the field figure "valid reports per worker per
/// day" (DOMAIN.md: a full-time grid worker files at least one a day): patrol logs plus the
/// incidents they reported on patrol that were not rejected.
/// </summary>
public static class PatrolsApi
{
    public sealed record LogRequest(string? GridCode, DateOnly? Day, string? Summary);
    public sealed record LogView(Guid Id, string WorkerId, string GridCode, DateOnly Day, string Summary);
    public sealed record WorkerDay(string WorkerId, DateOnly Day, int PatrolLogs, int ValidIncidentReports, int ValidReports);

    public const int MaxFigureDays = 93;

    public static IEndpointRouteBuilder MapPatrolsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/grid/patrols", Log).ProducesRefusals(400, 409);
        app.MapGet("/api/grid/patrols", List).ProducesRefusals(400);
        app.MapGet("/api/grid/patrols/valid-reports", ValidReports).ProducesRefusals(400);
        return app;
    }

    private static async Task<Created<LogView>> Log(HttpContext http, GridDb db, TimeProvider clock, LogRequest request, CancellationToken ct)
    {
        var cell = await db.Cells.AsNoTracking().FirstOrDefaultAsync(c => c.Code == request.GridCode && c.RetiredAt == null, ct)
            ?? throw DomainException.Invalid("gridCode", $"No grid has the code '{request.GridCode}'.");
        await http.EnsurePermittedAsync("patrol.write", OrgPath.Parse(cell.OrgPath));
        var summary = request.Summary?.Trim();
        if (string.IsNullOrEmpty(summary) || summary.Length > 2000) throw DomainException.Invalid("summary", "The summary must be 1 to 2000 characters.");
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var day = request.Day ?? today;
        if (day > today || day < today.AddDays(-7)) throw DomainException.Invalid("day", "A patrol is logged for today or one of the 7 days before.");
        var log = new PatrolLog { WorkerId = http.Caller().Subject, GridCode = cell.Code, OrgPath = cell.OrgPath, Day = day, Summary = summary, CreatedAt = now };
        db.Add(log);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/grid/patrols/{log.Id}", new LogView(log.Id, log.WorkerId, log.GridCode, log.Day, log.Summary));
    }

    private static async Task<Ok<List<LogView>>> List(HttpContext http, GridDb db, TimeProvider clock, string? org, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var (subtrees, first, last) = await ScopeAsync(http, clock, org, from, to);
        var logs = await db.Set<PatrolLog>().AsNoTracking().WithinAnySubtree(subtrees, l => l.OrgPath)
            .Where(l => l.Day >= first && l.Day <= last)
            .OrderByDescending(l => l.Day).ThenBy(l => l.WorkerId).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(logs.Select(l => new LogView(l.Id, l.WorkerId, l.GridCode, l.Day, l.Summary)).ToList());
    }

    private static async Task<Ok<List<WorkerDay>>> ValidReports(HttpContext http, GridDb db, TimeProvider clock, string? org, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var (subtrees, first, last) = await ScopeAsync(http, clock, org, from, to);
        var logs = await db.Set<PatrolLog>().AsNoTracking().WithinAnySubtree(subtrees, l => l.OrgPath)
            .Where(l => l.Day >= first && l.Day <= last)
            .GroupBy(l => new { l.WorkerId, l.Day }).Select(g => new { g.Key.WorkerId, g.Key.Day, Count = g.Count() }).ToListAsync(ct);
        var (start, end) = (first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var reports = (await db.Incidents.AsNoTracking().WithinAnySubtree(subtrees, i => i.OrgPath)
                .Where(i => i.Source == IncidentSource.Patrol && i.State != IncidentState.Rejected && i.ReportedAt >= start && i.ReportedAt < end)
                .Select(i => new { i.ReportedBy, i.ReportedAt }).ToListAsync(ct))
            .GroupBy(i => (i.ReportedBy, DateOnly.FromDateTime(i.ReportedAt))).ToDictionary(g => g.Key, g => g.Count());
        var days = logs.Select(l => (l.WorkerId, l.Day)).Union(reports.Keys).Distinct();
        return TypedResults.Ok(days
            .Select(d => (d, Logs: logs.FirstOrDefault(l => l.WorkerId == d.Item1 && l.Day == d.Item2)?.Count ?? 0, Reports: reports.GetValueOrDefault(d)))
            .Select(x => new WorkerDay(x.d.Item1, x.d.Item2, x.Logs, x.Reports, x.Logs + x.Reports))
            .OrderBy(w => w.Day).ThenBy(w => w.WorkerId).ToList());
    }

    /// <summary>The subtrees a patrol list covers: the org asked for, or else those of the caller's posts that carry <c>patrol.read</c>.</summary>
    private static async Task<(IReadOnlyList<OrgPath> Subtrees, DateOnly From, DateOnly To)> ScopeAsync(HttpContext http, TimeProvider clock, string? org, DateOnly? from, DateOnly? to)
    {
        IReadOnlyList<OrgPath> subtrees;
        if (org is not null)
        {
            var path = OrgPath.TryParse(org, out var p) ? p : throw DomainException.Invalid("org", $"'{org}' is not an org path.");
            await http.EnsurePermittedAsync("patrol.read", path);
            subtrees = [path];
        }
        else
        {
            subtrees = await http.PermittedSubtreesAsync("patrol.read");
            if (subtrees.Count == 0) throw DomainException.Forbidden("Your token names no org, so no patrol is within your reach.");
        }
        var last = to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = from ?? last.AddDays(-6);
        if (first > last || last.DayNumber - first.DayNumber >= MaxFigureDays)
            throw DomainException.Invalid("from", $"Give a period of 1 to {MaxFigureDays} days, from before to.");
        return (subtrees, first, last);
    }
}
