using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Status;

/// <summary>
/// A camera's online / offline status. Each change is one conditional UPDATE (online only where it was not, offline
/// only where it was) committed with its event in the outbox: of two keepalives at once, or a keepalive and the
/// sweep, the database lets one change through, so each change is published once. Offline changes are counted for
/// flapping (<see cref="CameraFlapping"/>) in the same transaction.
/// </summary>
public sealed class CameraPresence(VideoAlertDb db, CameraFlapping flapping, TimeProvider clock, IOptions<PresenceOptions> options)
{
    public const string Unregistered = "unregistered";
    public const string Expired = "expired";
    public const string Silent = "silent";

    /// <summary>
    /// The camera was heard from: a registration (with its expiry), a keepalive or an alarm. False when no camera has
    /// this id (a platform, say) or, for a keepalive or alarm, when its last-seen time is still within
    /// <see cref="PresenceOptions.SeenResolution"/> and it is online (nothing to write).
    /// </summary>
    public async Task<bool> SeenAsync(string deviceId, DateTime? registeredUntil, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - options.Value.SeenResolution;
        return await db.SaveInOneTransactionAsync(async t =>
        {
            var cameOnline = await db.Cameras.Where(c => c.DeviceId == deviceId && c.Status != CameraStatus.Online)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CameraStatus.Online), t);
            var touched = registeredUntil is { } until
                ? await db.Cameras.Where(c => c.DeviceId == deviceId).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.LastSeenAt, now).SetProperty(c => c.RegisteredUntil, until)
                    .SetProperty(c => c.FirstRegisteredAt, c => c.FirstRegisteredAt ?? now), t)
                : await db.Cameras.Where(c => c.DeviceId == deviceId && (c.LastSeenAt == null || c.LastSeenAt < stale || cameOnline == 1))
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeenAt, now), t);
            if (cameOnline == 1 && await PlaceOfAsync(deviceId, t) is { } place)
            {
                db.AddToOutbox(new CameraCameOnline(deviceId, place.GridCode, place.OrgPath, now), deviceId);
                await NoteOnTasksAsync(deviceId, now, t);
            }
            return touched == 1;
        }, ct);
    }

    /// <summary>The camera went offline for <paramref name="reason"/>, if it was online and (for the sweep) is still due.</summary>
    public async Task<bool> OfflineAsync(string deviceId, string reason, DateTime? silentBefore, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.SaveInOneTransactionAsync(async t =>
        {
            var due = db.Cameras.Where(c => c.DeviceId == deviceId && c.Status == CameraStatus.Online);
            if (silentBefore is { } cutoff)
                due = due.Where(c => c.LastSeenAt == null || c.LastSeenAt < cutoff || (c.RegisteredUntil != null && c.RegisteredUntil < now));
            var wentOffline = await due.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CameraStatus.Offline)
                .SetProperty(c => c.RegisteredUntil, c => reason == Unregistered ? null : c.RegisteredUntil), t);
            if (wentOffline == 1 && await PlaceOfAsync(deviceId, t) is { } place)
            {
                db.AddToOutbox(new CameraWentOffline(deviceId, place.GridCode, place.OrgPath, reason, place.LastSeenAt, now), deviceId);
                // Each offline change is a flip; too many within the window make one device_flapping alert, committed with it.
                await flapping.WentOfflineAsync(deviceId, place.GridCode, place.OrgPath, now, t);
            }
            return wentOffline == 1;
        }, ct);
    }

    /// <summary>The camera's unclosed maintenance tasks note that it came back: whoever closes them sees the fault may have cleared.</summary>
    private Task NoteOnTasksAsync(string deviceId, DateTime now, CancellationToken ct) =>
        db.MaintenanceTasks.Where(m => m.CameraId == deviceId && m.Status != MaintenanceTaskStatus.Closed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.CameraOnlineAt, now), ct);

    private Task<Place?> PlaceOfAsync(string deviceId, CancellationToken ct) =>
        db.Cameras.AsNoTracking().Where(c => c.DeviceId == deviceId).Select(c => new Place(c.GridCode, c.OrgPath, c.LastSeenAt)).FirstOrDefaultAsync(ct);

    private sealed record Place(string GridCode, string OrgPath, DateTime? LastSeenAt);
}
