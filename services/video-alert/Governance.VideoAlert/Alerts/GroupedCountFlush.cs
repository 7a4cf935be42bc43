using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Scans;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Alerts;

/// <summary>
/// Every second: a grouping alert whose count went past the one its last AlertGrouped carried, a second or more ago,
/// publishes AlertGrouped with the count now. Folds publish at most once a second (AlertGrouping), so without this the
/// last alarms of a burst would never reach subscribers. Each alert is claimed by a compare-and-set on the count it
/// published, so two replicas scanning at once publish it once. On PostgreSQL the whole scan is one transaction: one
/// UPDATE … RETURNING claims every due alert (locked in id order, as a batch of alarms locks its alerts, so the two never
/// deadlock; its WHERE is checked again on each row it locks, so a replica or a batch that published meanwhile keeps it)
/// and the events of the rows it returned go into the outbox with it; under a flood of 2,000 alerts the per-alert
/// transactions (each with its own commit) were a tenth of the database's time.
/// </summary>
public sealed class GroupedCountFlush(VideoAlertDb db, TimeProvider clock) : IPeriodicScan
{
    private const int Batch = 500;

    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now - AlertGrouping.GroupedEventsEvery;
        if (db.Database.IsNpgsql()) return await ClaimAllAsync(now, before, cancellationToken);
        var due = await db.Alerts.AsNoTracking()
            .Where(a => a.Grouping && a.GroupedPublishedAt != null && a.GroupedPublishedAt <= before && a.GroupedPublishedCount < a.Count)
            .Select(a => new { a.Id, a.GroupedPublishedCount }).Take(Batch).ToListAsync(cancellationToken);
        var published = 0;
        foreach (var alert in due)
        {
            var claimed = await db.SaveInOneTransactionAsync(async ct =>
            {
                var won = await db.Alerts.Where(a => a.Id == alert.Id && a.GroupedPublishedCount == alert.GroupedPublishedCount)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.GroupedPublishedCount, a => a.Count).SetProperty(a => a.GroupedPublishedAt, now), ct);
                if (won == 0) return false;
                var row = await db.Alerts.AsNoTracking().Where(a => a.Id == alert.Id)
                    .Select(a => new { a.CameraId, a.Kind, a.Count, a.Priority, a.OrgPath }).FirstAsync(ct);
                db.AddToOutbox(new AlertGrouped(alert.Id, row.CameraId, row.Kind, row.Count, row.Priority, row.OrgPath, now), alert.Id.ToString());
                return true;
            }, cancellationToken);
            if (claimed) published++;
        }
        return published;
    }

    private Task<int> ClaimAllAsync(DateTime now, DateTime before, CancellationToken cancellationToken) =>
        db.SaveInOneTransactionAsync(async ct =>
        {
            var claimed = await db.Database.SqlQuery<Claimed>($"""
                UPDATE alerts SET "GroupedPublishedCount" = "Count", "GroupedPublishedAt" = {now}
                WHERE "Id" IN (SELECT "Id" FROM alerts WHERE "Grouping" AND "GroupedPublishedAt" <= {before} AND "GroupedPublishedCount" < "Count"
                    ORDER BY "Id" LIMIT {Batch} FOR UPDATE)
                    AND "Grouping" AND "GroupedPublishedAt" <= {before} AND "GroupedPublishedCount" < "Count"
                RETURNING "Id", "CameraId", "Kind", "Count", "Priority", "OrgPath"
                """).ToListAsync(ct);
            foreach (var row in claimed)
                db.AddToOutbox(new AlertGrouped(row.Id, row.CameraId, row.Kind, row.Count, row.Priority, row.OrgPath, now), row.Id.ToString());
            return claimed.Count;
        }, cancellationToken);

    private sealed record Claimed(Guid Id, string CameraId, string Kind, int Count, int Priority, string OrgPath);
}
