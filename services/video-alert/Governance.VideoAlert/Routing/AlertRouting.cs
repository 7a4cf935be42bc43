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
/// Routes one open alert by the rules. Exactly one router works on it at a time: it first claims the alert with a
/// conditional UPDATE (still open, not leased, not backing off) that leases it for <see cref="RoutingOptions.Lease"/>,
/// so of two replicas one wins. Then it acts — reports the incident to grid, or adds the owner's maintenance task — and
/// sets the route, the department and the acknowledgment deadline in one conditional UPDATE committed with AlertRouted
/// (and the task) in the outbox. A failure (grid or identity away, grid refusing) leaves it open with a backoff that
/// doubles per attempt. Grid has no idempotency key: a crash between grid's answer and our commit (a few milliseconds)
/// reports the alert again once the lease runs out; grid then lists the first incident among the second's possible
/// duplicates (same category, nearby, recent), and both carry the alert's id in their description.
/// </summary>
public sealed partial class AlertRouting(VideoAlertDb db, IncidentReporter incidents, IOptions<RoutingOptions> options, TimeProvider clock, ILogger<AlertRouting> logger)
{
    /// <summary>The open alerts due for routing, oldest first.</summary>
    public Task<List<Guid>> DueAsync(int batch, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Alerts.AsNoTracking().Where(a => a.Status == AlertStatus.Open && (a.NextRouteAt == null || a.NextRouteAt <= now))
            .OrderBy(a => a.FirstAt).Select(a => a.Id).Take(batch).ToListAsync(ct);
    }

    /// <summary>Routes <paramref name="alertId"/> if this router wins it; true when it was routed now.</summary>
    public async Task<bool> RouteAsync(Guid alertId, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now + o.Lease;
        var claimed = await db.Alerts.Where(a => a.Id == alertId && a.Status == AlertStatus.Open && (a.NextRouteAt == null || a.NextRouteAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.NextRouteAt, leaseUntil).SetProperty(a => a.RouteAttempts, a => a.RouteAttempts + 1), ct);
        if (claimed == 0) return false;

        var alert = await db.Alerts.AsNoTracking().FirstAsync(a => a.Id == alertId, ct);
        var camera = await db.Cameras.AsNoTracking().Where(c => c.DeviceId == alert.CameraId).Select(c => new { c.Name, c.Owner }).FirstOrDefaultAsync(ct);
        var rules = await db.RoutingRules.AsNoTracking().ToListAsync(ct);
        var rule = RuleMatcher.Match(rules, alert.Kind, alert.Priority, alert.OrgPath)
            ?? new RoutingRule { Action = AlertRoutes.None, PriorityFrom = 1, PriorityTo = 4 };
        string? target = null;
        MaintenanceTask? task = null;
        try
        {
            if (rule.Action == AlertRoutes.Incident) target = await incidents.ReportAsync(alert, camera?.Name, rule, ct);
        }
        catch (RouteFailedException e)
        {
            var retryAt = clock.GetUtcNow().UtcDateTime + o.RetryAfter(alert.RouteAttempts);
            await db.Alerts.Where(a => a.Id == alertId && a.Status == AlertStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.NextRouteAt, retryAt), CancellationToken.None);
            LogRetry(logger, alertId, alert.RouteAttempts, retryAt, e.Message);
            return false;
        }
        var routedAt = clock.GetUtcNow().UtcDateTime;
        if (rule.Action == AlertRoutes.Maintenance)
        {
            task = new MaintenanceTask
            {
                Id = Guid.CreateVersion7(routedAt), AlertId = alert.Id, CameraId = alert.CameraId, Kind = alert.Kind, Priority = alert.Priority,
                Owner = camera?.Owner, Department = rule.Department, OrgPath = alert.OrgPath, CreatedAt = routedAt,
            };
            target = task.Id.ToString();
        }
        DateTime? deadline = rule.Action == AlertRoutes.None ? null : routedAt + o.AckDeadlines.For(alert.Priority);
        var routed = await db.SaveInOneTransactionAsync(async t =>
        {
            var changed = await db.Alerts.Where(a => a.Id == alertId && a.Status == AlertStatus.Open).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, AlertStatus.Routed).SetProperty(a => a.RoutedTo, rule.Action).SetProperty(a => a.RouteTarget, target)
                .SetProperty(a => a.RoutedAt, routedAt).SetProperty(a => a.Department, rule.Department).SetProperty(a => a.AckDeadline, deadline)
                .SetProperty(a => a.NextRouteAt, (DateTime?)null).SetProperty(a => a.Version, a => a.Version + 1), t);
            if (changed == 0) return false;
            if (task is not null) db.MaintenanceTasks.Add(task);
            db.AddToOutbox(new AlertRouted(alert.Id, alert.CameraId, rule.Action, target, deadline, alert.OrgPath, routedAt), alert.Id.ToString());
            return true;
        }, CancellationToken.None);
        if (routed) LogRouted(logger, alertId, rule.Action, target);
        return routed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} routed to {Route} {Target}")]
    private static partial void LogRouted(ILogger logger, Guid alertId, string route, string? target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} not routed (attempt {Attempt}); trying again at {RetryAt:o}: {Reason}")]
    private static partial void LogRetry(ILogger logger, Guid alertId, int attempt, DateTime retryAt, string reason);
}
