using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// The maintenance tasks in the caller's camera.manage reach (those who look after the cameras repair them): read,
/// taken on (open → in_progress, which acknowledges the task's alert) and closed with a note, each change naming the
/// version read. Closing resolves the
/// task's alert when the alert is still routed to this task, so it stops escalating and stops folding alarms in: a fault
/// seen after the repair is a new alert and a new task.
/// </summary>
public sealed class MaintenanceTasks(VideoAlertDb db, RolePermissions permissions, TimeProvider clock)
{
    public const string StaleVersionRule = "StaleVersion";
    public const string NotOpenRule = "MaintenanceTaskNotOpen";
    public const string ClosedRule = "MaintenanceTaskClosed";

    public async Task<IReadOnlyList<MaintenanceTaskView>> ListAsync(Caller caller, string? org, string? status, int limit, int offset, CancellationToken ct)
    {
        CameraRegistry.CheckPage(limit, offset);
        if (status is not null && !MaintenanceTaskStatus.IsKnown(status))
            throw DomainException.Invalid("status", "The status is open, in_progress or closed.");
        var subtrees = await permissions.PermittedSubtreesAsync(caller, VideoAlertPermissions.CameraManage, ct);
        var query = db.MaintenanceTasks.AsNoTracking().WithinAnySubtree(subtrees, t => t.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            query = query.WithinSubtree(t => t.OrgPath, within.Value);
        }
        if (status is not null) query = query.Where(t => t.Status == status);
        var tasks = await query.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Skip(offset).Take(limit).ToListAsync(ct);
        return tasks.Select(MaintenanceTaskView.Of).ToList();
    }

    /// <summary>One task; out of the caller's camera.manage reach it reads as absent.</summary>
    public async Task<MaintenanceTask> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var task = await db.MaintenanceTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        return task is not null && await permissions.IsPermittedAsync(caller, VideoAlertPermissions.CameraManage, OrgPath.Parse(task.OrgPath), ct)
            ? task : throw DomainException.NotFound($"No maintenance task {id} within your reach.");
    }

    /// <summary>Takes the task on: open → in_progress.</summary>
    public async Task<MaintenanceTask> StartAsync(Caller caller, Guid id, int? version, CancellationToken ct)
    {
        var read = CheckVersion(version);
        var task = await GetAsync(caller, id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.SaveInOneTransactionAsync(async t =>
        {
            // One conditional UPDATE: of two people taking it at once, one does.
            var changed = await db.MaintenanceTasks.Where(x => x.Id == id && x.Version == read && x.Status == MaintenanceTaskStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, MaintenanceTaskStatus.InProgress).SetProperty(x => x.StartedAt, now)
                    .SetProperty(x => x.StartedBy, caller.Subject).SetProperty(x => x.Version, read + 1), t);
            if (changed == 0) throw await WhyNotAsync(id, read, MaintenanceTaskStatus.Open, t);
            db.AddToOutbox(new MaintenanceTaskStarted(task.Id, task.AlertId, task.CameraId, caller.Subject, task.OrgPath, now), task.Id.ToString());
            await AcknowledgeAlertAsync(caller, task, now, t);
        }, ct);
        return await GetAsync(caller, id, ct);
    }

    /// <summary>Closes the task with what was done (from open or in_progress), resolving its alert where it is still this task's.</summary>
    public async Task<MaintenanceTask> CloseAsync(Caller caller, Guid id, int? version, string? resolution, CancellationToken ct)
    {
        var read = CheckVersion(version);
        var note = resolution?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > MaintenanceTask.MaxResolutionLength)
            throw DomainException.Invalid("resolution", $"Say what was done (resolution, 1 to {MaintenanceTask.MaxResolutionLength} characters).");
        var task = await GetAsync(caller, id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var target = id.ToString();
        await db.SaveInOneTransactionAsync(async t =>
        {
            var changed = await db.MaintenanceTasks.Where(x => x.Id == id && x.Version == read && x.Status != MaintenanceTaskStatus.Closed)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, MaintenanceTaskStatus.Closed).SetProperty(x => x.ClosedAt, now)
                    .SetProperty(x => x.ClosedBy, caller.Subject).SetProperty(x => x.Resolution, note).SetProperty(x => x.Version, read + 1), t);
            if (changed == 0) throw await WhyNotAsync(id, read, null, t);
            // The alert is resolved only while it is still routed to this task (routed or acknowledged); it stops grouping,
            // so the same camera's next fault raises a new alert, and its deadline is cleared, so it no longer escalates.
            var resolved = await db.Alerts.Where(a => a.Id == task.AlertId && a.RoutedTo == AlertRoutes.Maintenance && a.RouteTarget == target
                    && (a.Status == AlertStatus.Routed || a.Status == AlertStatus.Acknowledged))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AlertStatus.Resolved).SetProperty(a => a.Grouping, false)
                    .SetProperty(a => a.AckDeadline, (DateTime?)null).SetProperty(a => a.Version, a => a.Version + 1), t);
            db.AddToOutbox(new MaintenanceTaskClosed(task.Id, task.AlertId, task.CameraId, caller.Subject, resolved == 1, task.OrgPath, now), task.Id.ToString());
        }, ct);
        return await GetAsync(caller, id, ct);
    }

    /// <summary>
    /// Someone taking the task on is the owner answering the alert: an alert still routed to this task and not yet
    /// acknowledged is acknowledged as the centre's acknowledgment would (by and at, version + 1, AlertAcknowledged with
    /// Late by the same rule), so its deadline stops escalating it. One acknowledged already, resolved, or routed
    /// elsewhere since is left alone. The status guard makes it a conditional UPDATE: of the centre and the owner
    /// acknowledging at once, one does.
    /// </summary>
    private async Task AcknowledgeAlertAsync(Caller caller, MaintenanceTask task, DateTime now, CancellationToken ct)
    {
        var target = task.Id.ToString();
        while (true)
        {
            var alert = await db.Alerts.AsNoTracking()
                .Where(a => a.Id == task.AlertId && a.RoutedTo == AlertRoutes.Maintenance && a.RouteTarget == target && a.Status == AlertStatus.Routed)
                .Select(a => new { a.CameraId, a.OrgPath, a.AckDeadline, a.EscalationLevel }).FirstOrDefaultAsync(ct);
            if (alert is null) return;
            // Guarded on the deadline and level read too, so Late is decided on what is changed: an escalation in between
            // makes this find nothing, and it reads again.
            var acknowledged = await db.Alerts.Where(a => a.Id == task.AlertId && a.RouteTarget == target && a.Status == AlertStatus.Routed
                    && a.AckDeadline == alert.AckDeadline && a.EscalationLevel == alert.EscalationLevel)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AlertStatus.Acknowledged).SetProperty(a => a.AcknowledgedAt, now)
                    .SetProperty(a => a.AcknowledgedBy, caller.Subject).SetProperty(a => a.Version, a => a.Version + 1), ct);
            if (acknowledged == 0) continue;
            var late = AlertAcknowledgment.IsLate(alert.AckDeadline, alert.EscalationLevel, now);
            db.AddToOutbox(new AlertAcknowledged(task.AlertId, alert.CameraId, caller.Subject, late, alert.OrgPath, now), task.AlertId.ToString());
            return;
        }
    }

    private static int CheckVersion(int? version) =>
        version is int read and >= 1 ? read : throw DomainException.Invalid("version", "Give the version of the task you read (version, 1 or more).");

    /// <summary>Why a conditional change found nothing to change: closed already, not open (for start) or another version.</summary>
    private async Task<DomainException> WhyNotAsync(Guid id, int read, string? mustBe, CancellationToken ct)
    {
        var now = await db.MaintenanceTasks.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Status, x.Version }).FirstAsync(ct);
        if (now.Status == MaintenanceTaskStatus.Closed) return DomainException.RuleViolated(ClosedRule, "The maintenance task is closed already.");
        if (now.Version != read) return DomainException.RuleViolated(StaleVersionRule, $"The record changed since version {read} was read: read it again.");
        return DomainException.RuleViolated(NotOpenRule, $"Only an open maintenance task can be started; this one is {now.Status}.");
    }
}
