using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Status;

/// <summary>
/// A lower platform's status, and with it its cameras'. Without GB/T 28181 catalogue queries the platform's link is all
/// we know of the cameras behind it: while it registers and keeps alive they are reachable (online, and networked), when
/// it unregisters or falls silent they are not (offline, reason <see cref="PlatformOffline"/>). Each camera changes by
/// one conditional UPDATE … RETURNING in the platform's transaction, so each change is published once, whoever wins.
/// A platform's link going down is not the camera's flip: it does not count towards the camera's flapping.
/// </summary>
public sealed class PlatformPresence(VideoAlertDb db, TimeProvider clock, IOptions<PresenceOptions> options)
{
    public const string PlatformOffline = "platform_offline";

    /// <summary>
    /// The platform was heard from: a registration (with its expiry), a keepalive or a forwarded alarm. Writes only when
    /// its last-seen time is staler than <see cref="PresenceOptions.SeenResolution"/> or it was not online, so a burst
    /// of forwarded alarms costs one UPDATE matching no row each; when it writes, its cameras not online come online.
    /// </summary>
    public Task SeenAsync(string platformId, DateTime? registeredUntil, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - options.Value.SeenResolution;
        return db.SaveInOneTransactionAsync(async t =>
        {
            var platform = db.Platforms.Where(p => p.DeviceId == platformId);
            var touched = registeredUntil is { } until
                ? await platform.ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSeenAt, now).SetProperty(p => p.RegisteredUntil, until)
                    .SetProperty(p => p.Status, CameraStatus.Online), t)
                : await platform.Where(p => p.LastSeenAt == null || p.LastSeenAt < stale || p.Status != CameraStatus.Online)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSeenAt, now).SetProperty(p => p.Status, CameraStatus.Online), t);
            if (touched == 0) return;
            var online = CameraStatus.Online;
            var cameOnline = await db.Database.SqlQuery<Changed>($"""
                UPDATE cameras SET "Status" = {online}, "LastSeenAt" = {now}, "FirstRegisteredAt" = COALESCE("FirstRegisteredAt", {now})
                WHERE "PlatformId" = {platformId} AND "Status" <> {online} AND "RetiredAt" IS NULL
                RETURNING "DeviceId", "GridCode", "OrgPath", "LastSeenAt"
                """).ToListAsync(t);
            foreach (var camera in cameOnline)
                db.AddToOutbox(new CameraCameOnline(camera.DeviceId, camera.GridCode, camera.OrgPath, now), camera.DeviceId);
            if (cameOnline.Count > 0)
            {
                var ids = cameOnline.Select(c => c.DeviceId).ToList();
                await db.MaintenanceTasks.Where(m => ids.Contains(m.CameraId) && m.Status != MaintenanceTaskStatus.Closed)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.CameraOnlineAt, now), t);
            }
        }, ct);
    }

    /// <summary>The platform went offline for <paramref name="reason"/> (if it was online and, for the sweep, is still due), and its online cameras with it.</summary>
    public Task<bool> OfflineAsync(string platformId, string reason, DateTime? silentBefore, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.SaveInOneTransactionAsync(async t =>
        {
            var due = db.Platforms.Where(p => p.DeviceId == platformId && p.Status == CameraStatus.Online);
            if (silentBefore is { } cutoff)
                due = due.Where(p => p.LastSeenAt == null || p.LastSeenAt < cutoff || (p.RegisteredUntil != null && p.RegisteredUntil < now));
            if (await due.ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, CameraStatus.Offline), t) == 0) return false;
            var (online, offline) = (CameraStatus.Online, CameraStatus.Offline);
            var wentOffline = await db.Database.SqlQuery<Changed>($"""
                UPDATE cameras SET "Status" = {offline}
                WHERE "PlatformId" = {platformId} AND "Status" = {online} AND "RetiredAt" IS NULL
                RETURNING "DeviceId", "GridCode", "OrgPath", "LastSeenAt"
                """).ToListAsync(t);
            foreach (var camera in wentOffline)
                db.AddToOutbox(new CameraWentOffline(camera.DeviceId, camera.GridCode, camera.OrgPath, PlatformOffline, camera.LastSeenAt, now), camera.DeviceId);
            return true;
        }, ct);
    }

    /// <summary>A camera row a platform's change touched, as RETURNING gives it.</summary>
    private sealed class Changed
    {
        public required string DeviceId { get; init; }
        public required string GridCode { get; init; }
        public required string OrgPath { get; init; }
        public DateTime? LastSeenAt { get; init; }
    }
}
