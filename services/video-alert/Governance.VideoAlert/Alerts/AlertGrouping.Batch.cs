using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Alerts;

/// <summary>Where a raised alert stands when its alarms carry no place: the camera's point, when it is registered.</summary>
public readonly record struct CameraPoint(double Longitude, double Latitude);

public sealed partial class AlertGrouping
{
    /// <summary>
    /// Folds a batch of new alarms (in arrival order) into their alerts inside the caller's transaction, with the rules of
    /// <see cref="JoinAsync"/>: the grouping alerts of the batch's cameras are read once and locked (PostgreSQL
    /// <c>FOR UPDATE</c>, in id order so two writers never deadlock on them; SQLite's write transaction already holds the
    /// database), the seeds fold in memory (a burst on one camera and kind is one alert whose count grows by the burst),
    /// alerts whose window has passed stop grouping, new ones are raised with AlertRaised, and each alert the batch
    /// folded into publishes at most one AlertGrouped, under the once-a-second rule, with the count the batch left it at.
    /// The caller saves the tracked changes. A simultaneous raise elsewhere breaks the partial unique index at the save:
    /// the caller rolls back and runs the batch again, which then folds.
    /// </summary>
    /// <returns>The alert each seed joined or raised, in the seeds' order.</returns>
    public async Task<Guid[]> JoinAllAsync(IReadOnlyList<AlertSeed> seeds, IReadOnlyDictionary<string, CameraPoint> places, CancellationToken ct)
    {
        var cameras = seeds.Select(s => s.CameraId).Distinct().ToArray();
        var fold = Fold(seeds, await GroupingAlertsAsync(cameras, ct), places);
        // Stopped first, by id, before the save inserts their successors under the partial unique index.
        if (fold.Stopped.Count > 0)
        {
            var stoppedIds = fold.Stopped.Select(a => a.Id).ToList();
            await db.Alerts.Where(a => stoppedIds.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.Grouping, false), ct);
            foreach (var alert in fold.Stopped) db.Entry(alert).State = EntityState.Detached;
        }
        db.Alerts.AddRange(fold.Raised);
        return fold.Ids;
    }

    /// <summary>
    /// The batch folded in memory over its cameras' grouping alerts as read (<paramref name="open"/>, changed in place):
    /// the alert each seed joined or raised, the alerts raised (new objects, not yet stored), the alerts read that
    /// stopped grouping, and the events (AlertRaised, AlertGrouped) added to the outbox. Both writers (EF's change
    /// tracking on SQLite, set-based SQL on PostgreSQL: <see cref="Alarms.AlarmRowsSql"/>) store what it decided.
    /// </summary>
    internal BatchFold Fold(IReadOnlyList<AlertSeed> seeds, IEnumerable<Alert> open, IReadOnlyDictionary<string, CameraPoint> places)
    {
        var byKey = open.ToDictionary(a => (a.CameraId, a.Kind));
        var raised = new List<Alert>();
        var raisedSet = new HashSet<Alert>(ReferenceEqualityComparer.Instance);
        var touched = new Dictionary<Alert, DateTime>(ReferenceEqualityComparer.Instance);
        var stopped = new List<Alert>();
        var ids = new Guid[seeds.Count];
        for (var i = 0; i < seeds.Count; i++)
        {
            var seed = seeds[i];
            var target = AlertKinds.DeviceFaults.Contains(seed.Kind) && seed.Kind != AlertKinds.DeviceFlapping
                ? Within(byKey, seed with { Kind = AlertKinds.DeviceFlapping }, stopped, raisedSet) : null;
            target ??= Within(byKey, seed, stopped, raisedSet);
            if (target is null)
            {
                target = NewAlert(seed, places);
                raised.Add(target);
                raisedSet.Add(target);
                byKey[(seed.CameraId, seed.Kind)] = target;
            }
            else
            {
                target.Count++;
                if (target.LastAt < seed.At) target.LastAt = seed.At;
                if (target.Priority > seed.Priority) target.Priority = seed.Priority;
                touched[target] = touched.TryGetValue(target, out var latest) && latest > seed.At ? latest : seed.At;
            }
            ids[i] = target.Id;
        }
        foreach (var (alert, at) in touched)
        {
            if (alert.GroupedPublishedAt is { } published && published > at - GroupedEventsEvery) continue;
            alert.GroupedPublishedAt = at;
            alert.GroupedPublishedCount = alert.Count;
            db.AddToOutbox(new AlertGrouped(alert.Id, alert.CameraId, alert.Kind, alert.Count, alert.Priority, alert.OrgPath, at), alert.Id.ToString());
        }
        return new BatchFold(ids, raised, touched.Keys.Where(a => !raisedSet.Contains(a)).ToList(), stopped);
    }

    /// <summary>The camera and kind's grouping alert if the seed is within its window; one past it is set to stop grouping.</summary>
    private Alert? Within(Dictionary<(string, string), Alert> open, AlertSeed seed, List<Alert> stopped, HashSet<Alert> raised)
    {
        if (!open.TryGetValue((seed.CameraId, seed.Kind), out var alert)) return null;
        if (alert.LastAt >= seed.At - WindowOf(seed.Kind)) return alert;
        // Only an alert read from the database can be past its window: one raised by this batch is as new as its alarms.
        open.Remove((seed.CameraId, seed.Kind));
        if (!raised.Contains(alert)) stopped.Add(alert);
        return null;
    }

    private Alert NewAlert(AlertSeed seed, IReadOnlyDictionary<string, CameraPoint> places)
    {
        var (longitude, latitude) = (seed.Longitude, seed.Latitude);
        if (longitude is null || latitude is null)
            (longitude, latitude) = places.TryGetValue(seed.CameraId, out var place) ? (place.Longitude, place.Latitude) : ((double?)null, (double?)null);
        var alert = new Alert
        {
            Id = Guid.CreateVersion7(seed.At), CameraId = seed.CameraId, Kind = seed.Kind, Priority = seed.Priority, Method = seed.Method,
            Count = seed.Count, FirstAt = seed.At, LastAt = seed.At, Longitude = longitude, Latitude = latitude, GridCode = seed.GridCode,
            OrgPath = seed.OrgPath, Summary = seed.Summary is { Length: > Alert.MaxSummaryLength } s ? s[..Alert.MaxSummaryLength] : seed.Summary,
        };
        db.AddToOutbox(new AlertRaised(alert.Id, alert.CameraId, alert.Kind, alert.Priority, alert.GridCode, alert.OrgPath, seed.At), alert.Id.ToString());
        return alert;
    }

    /// <summary>The cameras' grouping alerts, tracked; on PostgreSQL locked until commit so no other writer folds into them meanwhile.</summary>
    private Task<List<Alert>> GroupingAlertsAsync(string[] cameras, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? db.Alerts.FromSql($"""SELECT * FROM alerts WHERE "Grouping" AND "CameraId" = ANY({cameras}) ORDER BY "Id" FOR UPDATE""").ToListAsync(ct)
            : db.Alerts.Where(a => a.Grouping && cameras.Contains(a.CameraId)).ToListAsync(ct);
}

/// <summary>What <see cref="AlertGrouping.Fold"/> decided for a batch.</summary>
/// <param name="Ids">The alert each seed joined or raised, in the seeds' order.</param>
/// <param name="Raised">New alerts to insert (their counts and published marks already final).</param>
/// <param name="Folded">Alerts read from the database whose count, last time, priority or published marks changed.</param>
/// <param name="Stopped">Alerts read from the database whose window passed: they stop grouping before the new ones are inserted.</param>
internal sealed record BatchFold(Guid[] Ids, List<Alert> Raised, List<Alert> Folded, List<Alert> Stopped);
