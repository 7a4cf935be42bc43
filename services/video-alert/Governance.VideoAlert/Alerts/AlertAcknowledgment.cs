using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Alerts;

/// <summary>
/// Acknowledging an alert: the caller names the version they read (a stale one is refused, and of two at once the
/// database's version check lets one through), an acknowledged alert stays as it was, and the change commits with its
/// <see cref="AlertAcknowledged"/> (late when past the deadline) in one transaction. Needs alert.acknowledge over the
/// alert's org; an alert the caller cannot read reads as absent.
/// </summary>
public sealed class AlertAcknowledgment(VideoAlertDb db, RolePermissions permissions, TimeProvider clock)
{
    public const string AlreadyAcknowledgedRule = "AlertAlreadyAcknowledged";

    public async Task<Alert> AcknowledgeAsync(Caller caller, Guid alertId, int version, CancellationToken ct)
    {
        if (version < 1) throw DomainException.Invalid("version", "Give the version of the alert you read (version, 1 or more).");
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null || !await permissions.IsPermittedAsync(caller, VideoAlertPermissions.AlertRead, OrgPath.Parse(alert.OrgPath), ct))
            throw NotFound(alertId);
        await permissions.EnsurePermittedAsync(caller, VideoAlertPermissions.AlertAcknowledge, OrgPath.Parse(alert.OrgPath), ct);
        if (alert.Status == AlertStatus.Acknowledged)
            throw DomainException.RuleViolated(AlreadyAcknowledgedRule, $"The alert was acknowledged already, at {alert.AcknowledgedAt:u}.");
        if (alert.Version != version) throw Stale(version);

        var now = clock.GetUtcNow().UtcDateTime;
        (alert.Status, alert.AcknowledgedAt, alert.AcknowledgedBy) = (AlertStatus.Acknowledged, now, caller.Subject);
        alert.Version++;
        var late = alert.AckDeadline is { } deadline && now > deadline;
        db.AddToOutbox(new AlertAcknowledged(alert.Id, alert.CameraId, caller.Subject, late, alert.OrgPath, now), alert.Id.ToString());
        await db.SaveOrConflictAsync(() => Stale(version), () => Stale(version), ct);
        return alert;
    }

    internal static DomainException NotFound(Guid alertId) => DomainException.NotFound($"No alert {alertId} within your reach.");

    private static DomainException Stale(int version) =>
        DomainException.RuleViolated("StaleVersion", $"The record changed since version {version} was read: read it again.");
}
