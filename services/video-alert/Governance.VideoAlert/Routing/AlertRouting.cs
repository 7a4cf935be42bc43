using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// Routes open alerts by the rules. Exactly one router works on an alert at a time: <see cref="ClaimAsync"/> takes the
/// oldest due alerts with one conditional UPDATE (still open, not leased, not backing off) that leases them for
/// <see cref="RoutingOptions.Lease"/> and stamps them with a fresh claim token, so of two replicas racing for a row one
/// wins, and each reads back (with its camera and the rules) only the rows its token won. Then <see cref="RouteAsync"/>
/// acts on one — reports the incident to grid, or adds the owner's maintenance task — and saves the route, the department
/// and the acknowledgment deadline with AlertRouted (and the task) in the outbox in one commit, refused if the alert's
/// status changed meanwhile (its version). A failure (grid or identity away, grid refusing) leaves it open with a
/// backoff that doubles per attempt. The report names the alert as its request id, so a second report of the same alert
/// (a crash between grid's answer and our commit, a call that outlived its deadline while grid committed it, a lease
/// that ran out) is answered by grid with the incident the first one opened: one incident per alert.
/// </summary>
public sealed partial class AlertRouting(VideoAlertDb db, IncidentReporter incidents, IOptions<RoutingOptions> options, TimeProvider clock, ILogger<AlertRouting> logger)
{
    /// <summary>An alert this router won, with what routing it needs from the registry.</summary>
    public sealed record Claimed(Alert Alert, string? CameraName, string? CameraOwner);

    /// <summary>Alerts claimed together and the rules in effect when they were.</summary>
    public sealed record Claim(IReadOnlyList<Claimed> Alerts, IReadOnlyList<RoutingRule> Rules);

    /// <summary>
    /// Claims up to <paramref name="max"/> due open alerts, oldest first: one UPDATE, one read of the won rows with their
    /// cameras, one of the rules. Under PostgreSQL's read committed a row another router updated first is checked again
    /// after its commit, no longer due, and left out, so no alert is claimed twice.
    /// </summary>
    public async Task<Claim> ClaimAsync(int max, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now + options.Value.Lease;
        var token = Guid.NewGuid();
        var due = db.Alerts.Where(a => a.Status == AlertStatus.Open && (a.NextRouteAt == null || a.NextRouteAt <= now))
            .OrderBy(a => a.FirstAt).Select(a => a.Id).Take(max);
        var claimed = await db.Alerts.Where(a => due.Contains(a.Id) && a.Status == AlertStatus.Open && (a.NextRouteAt == null || a.NextRouteAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.NextRouteAt, leaseUntil).SetProperty(a => a.RouteAttempts, a => a.RouteAttempts + 1)
                .SetProperty(a => a.RouteClaim, token), ct);
        if (claimed == 0) return new Claim([], []);
        var won = await (from a in db.Alerts.AsNoTracking().Where(a => a.RouteClaim == token && a.Status == AlertStatus.Open)
                         join c in db.Cameras.AsNoTracking() on a.CameraId equals c.DeviceId into cameras
                         from c in cameras.DefaultIfEmpty()
                         orderby a.FirstAt
                         select new Claimed(a, c == null ? null : c.Name, c == null ? null : c.Owner)).ToListAsync(ct);
        var rules = await db.RoutingRules.AsNoTracking().ToListAsync(ct);
        return new Claim(won, rules);
    }

    /// <summary>Routes an alert this router claimed; true when it was routed now.</summary>
    public async Task<bool> RouteAsync(Claimed claimed, IReadOnlyList<RoutingRule> rules, CancellationToken ct)
    {
        var o = options.Value;
        var (alert, cameraName, cameraOwner) = claimed;
        var rule = RuleMatcher.Match(rules, alert.Kind, alert.Priority, alert.OrgPath)
            ?? new RoutingRule { Action = AlertRoutes.None, PriorityFrom = 1, PriorityTo = 4 };
        string? target = null;
        MaintenanceTask? task = null;
        try
        {
            if (rule.Action == AlertRoutes.Incident) target = await incidents.ReportAsync(alert, cameraName, rule, ct);
        }
        catch (RouteFailedException e)
        {
            var retryAt = clock.GetUtcNow().UtcDateTime + o.RetryAfter(alert.RouteAttempts);
            await db.Alerts.Where(a => a.Id == alert.Id && a.Status == AlertStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.NextRouteAt, retryAt), CancellationToken.None);
            LogRetry(logger, alert.Id, alert.RouteAttempts, retryAt, e.Message);
            return false;
        }
        var routedAt = clock.GetUtcNow().UtcDateTime;
        if (rule.Action == AlertRoutes.Maintenance)
        {
            task = new MaintenanceTask
            {
                Id = Guid.CreateVersion7(routedAt), AlertId = alert.Id, CameraId = alert.CameraId, Kind = alert.Kind, Priority = alert.Priority,
                Owner = cameraOwner, Department = rule.Department, OrgPath = alert.OrgPath, CreatedAt = routedAt,
            };
            target = task.Id.ToString();
        }
        DateTime? deadline = rule.Action == AlertRoutes.None ? null : routedAt + o.AckDeadlines.For(alert.Priority);
        // Only the routing columns are written, guarded by the version the claim read (every status change bumps it):
        // alarms folding in meanwhile keep their count, and an alert acknowledged or routed by another router meanwhile
        // is left as it is. One SaveChanges: the update, the task and the outbox row go in one batch and one commit.
        db.Alerts.Attach(alert);
        alert.Status = AlertStatus.Routed;
        alert.RoutedTo = rule.Action;
        alert.RouteTarget = target;
        alert.RoutedAt = routedAt;
        alert.Department = rule.Department;
        alert.AckDeadline = deadline;
        alert.NextRouteAt = null;
        alert.Version++;
        if (task is not null) db.MaintenanceTasks.Add(task);
        db.AddToOutbox(new AlertRouted(alert.Id, alert.CameraId, rule.Action, target, deadline, alert.OrgPath, routedAt), alert.Id.ToString());
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        LogRouted(logger, alert.Id, rule.Action, target);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} routed to {Route} {Target}")]
    private static partial void LogRouted(ILogger logger, Guid alertId, string route, string? target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} not routed (attempt {Attempt}); trying again at {RetryAt:o}: {Reason}")]
    private static partial void LogRetry(ILogger logger, Guid alertId, int attempt, DateTime retryAt, string reason);
}
