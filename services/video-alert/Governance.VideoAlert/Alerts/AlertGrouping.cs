using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Alerts;

/// <summary>What a new alarm (or a camera's flip) brings to its camera and kind's alert.</summary>
/// <param name="At">When it arrived, in UTC (the server's clock: devices' clocks drift and carry no zone).</param>
/// <param name="Count">What a new alert starts counting at: 1 for an alarm, the flips so far for flapping.</param>
public sealed record AlertSeed(string CameraId, string Kind, int Priority, string Method, DateTime At, double? Longitude, double? Latitude,
    string? GridCode, string OrgPath, string? Summary, int Count = 1);

/// <summary>
/// Folds an alarm into its camera and kind's grouping alert, or raises a new one, inside the caller's transaction so
/// the alert and the alarm commit together with their events. Folding is one UPDATE with SQL increments (count + 1,
/// latest time, highest priority, version + 1) on the row, so two alarms at once both count; PostgreSQL's row lock
/// makes the second wait for the first. Raising first stops the old alert grouping; the partial unique index on
/// (CameraId, Kind) where Grouping lets only one of two simultaneous raises commit, and the loser's caller retries and
/// folds. AlertGrouped goes out at most once per alert per second (<see cref="Alert.GroupedPublishedAt"/>), carrying
/// the count it reached then: a burst costs one event, not one per alarm; <see cref="GroupedCountFlush"/> publishes the
/// count a burst ended at.
/// </summary>
public sealed partial class AlertGrouping(VideoAlertDb db, IOptions<AlertOptions> options)
{
    public static readonly TimeSpan GroupedEventsEvery = TimeSpan.FromSeconds(1);

    /// <summary>The alert the seed joined or raised. A device fault of a flapping camera joins its device_flapping alert.</summary>
    public async Task<Guid> JoinAsync(AlertSeed seed, CancellationToken ct)
    {
        if (AlertKinds.DeviceFaults.Contains(seed.Kind) && seed.Kind != AlertKinds.DeviceFlapping
            && await TryFoldAsync(seed with { Kind = AlertKinds.DeviceFlapping }, ct) is { } flapping)
            return flapping;
        return await TryFoldAsync(seed, ct) ?? await RaiseAsync(seed, ct);
    }

    /// <summary>Folds the seed into its camera and kind's alert if one is grouping within the window; null when none is.</summary>
    public async Task<Guid?> TryFoldAsync(AlertSeed seed, CancellationToken ct)
    {
        var (camera, kind, at, priority) = (seed.CameraId, seed.Kind, seed.At, seed.Priority);
        var cutoff = at - WindowOf(kind);
        var publishBefore = at - GroupedEventsEvery;
        var folded = await db.Alerts.Where(a => a.CameraId == camera && a.Kind == kind && a.Grouping && a.LastAt >= cutoff)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Count, a => a.Count + 1)
                .SetProperty(a => a.LastAt, a => a.LastAt < at ? at : a.LastAt)
                .SetProperty(a => a.Priority, a => a.Priority > priority ? priority : a.Priority)
                // Right-hand sides read the row as it was: the publishing alarm marks the count it made (Count + 1).
                .SetProperty(a => a.GroupedPublishedCount, a => a.GroupedPublishedAt == null || a.GroupedPublishedAt <= publishBefore ? a.Count + 1 : a.GroupedPublishedCount)
                .SetProperty(a => a.GroupedPublishedAt, a => a.GroupedPublishedAt == null || a.GroupedPublishedAt <= publishBefore ? at : a.GroupedPublishedAt), ct);
        if (folded == 0) return null;
        // The row is ours (locked) until commit: this reads what our UPDATE made.
        var alert = await db.Alerts.AsNoTracking().Where(a => a.CameraId == camera && a.Kind == kind && a.Grouping)
            .Select(a => new { a.Id, a.Count, a.Priority, a.OrgPath, a.GroupedPublishedCount }).FirstAsync(ct);
        if (alert.GroupedPublishedCount == alert.Count)
            db.AddToOutbox(new AlertGrouped(alert.Id, camera, kind, alert.Count, alert.Priority, alert.OrgPath, at), alert.Id.ToString());
        return alert.Id;
    }

    private async Task<Guid> RaiseAsync(AlertSeed seed, CancellationToken ct)
    {
        // Only an alert whose window has passed stops grouping: one raised by another alarm since our fold looked (and
        // committed) keeps grouping, our insert then breaks the unique index and the caller's retry folds into it.
        var cutoff = seed.At - WindowOf(seed.Kind);
        await db.Alerts.Where(a => a.CameraId == seed.CameraId && a.Kind == seed.Kind && a.Grouping && a.LastAt < cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Grouping, false), ct);
        var (longitude, latitude) = (seed.Longitude, seed.Latitude);
        if (longitude is null || latitude is null)
        {
            var place = await db.Cameras.AsNoTracking().Where(c => c.DeviceId == seed.CameraId)
                .Select(c => new { c.Longitude, c.Latitude }).FirstOrDefaultAsync(ct);
            (longitude, latitude) = (place?.Longitude, place?.Latitude);
        }
        var alert = new Alert
        {
            Id = Guid.CreateVersion7(seed.At), CameraId = seed.CameraId, Kind = seed.Kind, Priority = seed.Priority, Method = seed.Method,
            Count = seed.Count, FirstAt = seed.At, LastAt = seed.At, Longitude = longitude, Latitude = latitude, GridCode = seed.GridCode,
            OrgPath = seed.OrgPath, Summary = seed.Summary is { Length: > Alert.MaxSummaryLength } s ? s[..Alert.MaxSummaryLength] : seed.Summary,
        };
        db.Alerts.Add(alert);
        db.AddToOutbox(new AlertRaised(alert.Id, alert.CameraId, alert.Kind, alert.Priority, alert.GridCode, alert.OrgPath, seed.At), alert.Id.ToString());
        return alert.Id;
    }

    private TimeSpan WindowOf(string kind) => kind == AlertKinds.DeviceFlapping ? options.Value.FlappingWindow : options.Value.GroupingWindow;
}
