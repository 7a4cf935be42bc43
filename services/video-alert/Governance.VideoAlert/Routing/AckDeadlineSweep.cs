using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Scans;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// Every <see cref="RoutingOptions.SweepInterval"/>: a routed alert nobody acknowledged by its deadline escalates one
/// level up the org tree (grid → community → street → county), with the priority's time again at the new level, and
/// AlertEscalated says to whom. Each step is one conditional UPDATE (still routed, still the deadline read) committed
/// with its event, so an acknowledgment arriving meanwhile wins and two replicas escalate once. At the root there is
/// nobody above: the last escalation clears the deadline.
/// </summary>
public sealed class AckDeadlineSweep(VideoAlertDb db, IOptions<RoutingOptions> options, TimeProvider clock) : IPeriodicScan
{
    private const int Batch = 500;

    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Alerts.AsNoTracking().Where(a => a.Status == AlertStatus.Routed && a.AckDeadline != null && a.AckDeadline < now)
            .OrderBy(a => a.AckDeadline).Take(Batch)
            .Select(a => new { a.Id, a.CameraId, a.OrgPath, a.Priority, a.EscalationLevel, a.AckDeadline }).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var alert in due)
        {
            var level = alert.EscalationLevel + 1;
            var segments = alert.OrgPath.Split('/');
            var to = string.Join('/', segments.Take(Math.Max(1, segments.Length - level)));
            var atRoot = segments.Length - level <= 1;
            DateTime? next = atRoot ? null : now + options.Value.AckDeadlines.For(alert.Priority);
            var escalated = await db.SaveInOneTransactionAsync(async t =>
            {
                var n = await db.Alerts.Where(a => a.Id == alert.Id && a.Status == AlertStatus.Routed && a.AckDeadline == alert.AckDeadline)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.EscalationLevel, level).SetProperty(a => a.EscalatedAt, now)
                        .SetProperty(a => a.AckDeadline, next).SetProperty(a => a.Version, a => a.Version + 1), t);
                if (n == 1) db.AddToOutbox(new AlertEscalated(alert.Id, alert.CameraId, level, to, alert.OrgPath, now), alert.Id.ToString());
                return n == 1;
            }, cancellationToken);
            if (escalated) changed++;
        }
        return changed;
    }
}
