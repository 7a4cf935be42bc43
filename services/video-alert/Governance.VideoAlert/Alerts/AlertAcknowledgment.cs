using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Data;

namespace Governance.VideoAlert.Alerts;

/// <summary>
/// Centre staff acknowledge an alert (alert.acknowledge over its org) naming the version they read: the status, who and
/// when are saved with AlertAcknowledged in the outbox (Late when past the deadline routing set). The version guards
/// against acting on what changed meanwhile; an alert acknowledged once stays so. Later alarms still fold into it.
/// Starting the alert's maintenance task acknowledges it too (<see cref="Routing.MaintenanceTasks"/>), with the same rule
/// for Late (<see cref="IsLate"/>).
/// </summary>
public sealed class AlertAcknowledgment(VideoAlertDb db, AlertReads reads, RolePermissions permissions, TimeProvider clock)
{
    public const string AlreadyAcknowledgedRule = "AlertAlreadyAcknowledged";
    public const string StaleVersionRule = "StaleVersion";

    public async Task<Alert> AcknowledgeAsync(Caller caller, Guid id, int? version, CancellationToken ct)
    {
        if (version is not (int read and >= 1)) throw DomainException.Invalid("version", "Give the version of the alert you read (version, 1 or more).");
        var alert = await reads.WithinReachAsync(caller, id, VideoAlertPermissions.AlertRead, ct, tracked: true);
        await permissions.EnsurePermittedAsync(caller, VideoAlertPermissions.AlertAcknowledge, OrgPath.Parse(alert.OrgPath), ct);
        if (alert.Status == AlertStatus.Acknowledged)
            throw DomainException.RuleViolated(AlreadyAcknowledgedRule, $"The alert was already acknowledged at {alert.AcknowledgedAt:u}.");
        if (alert.Version != read) throw Stale(read);

        var now = clock.GetUtcNow().UtcDateTime;
        var late = IsLate(alert.AckDeadline, alert.EscalationLevel, now);
        alert.Status = AlertStatus.Acknowledged;
        alert.AcknowledgedAt = now;
        alert.AcknowledgedBy = caller.Subject;
        alert.Version = read + 1;
        db.AddToOutbox(new AlertAcknowledged(alert.Id, alert.CameraId, caller.Subject, late, alert.OrgPath, now), alert.Id.ToString());
        // The version is the concurrency token: an alarm folded in or a routing since the read makes this a conflict.
        await db.SaveOrConflictAsync(() => Stale(read), () => Stale(read), ct);
        return alert;
    }

    /// <summary>
    /// Late when the deadline routing set was missed: past the deadline now, or escalated already (escalation moves the
    /// deadline on to the next level's, which does not make the first one met).
    /// </summary>
    public static bool IsLate(DateTime? ackDeadline, int escalationLevel, DateTime now) =>
        escalationLevel > 0 || (ackDeadline is { } deadline && now > deadline);

    private static DomainException Stale(int version) =>
        DomainException.RuleViolated(StaleVersionRule, $"The record changed since version {version} was read: read it again.");
}
