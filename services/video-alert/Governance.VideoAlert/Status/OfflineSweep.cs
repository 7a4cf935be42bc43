using Governance.ServiceDefaults.Scans;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Status;

/// <summary>
/// Every <see cref="PresenceOptions.SweepInterval"/>: online cameras silent for <see cref="PresenceOptions.Silence"/>
/// (missed keepalives) or whose registration expired go offline, each through <see cref="CameraPresence"/>, which
/// checks again as it changes it (a keepalive arriving meanwhile wins). Lower platforms likewise, each taking its
/// cameras with it (<see cref="PlatformPresence"/>); a platform's cameras are left to their platform.
/// </summary>
public sealed class OfflineSweep(VideoAlertDb db, CameraPresence presence, PlatformPresence platformPresence, IOptions<PresenceOptions> options, TimeProvider clock) : IPeriodicScan
{
    private const int Batch = 500;

    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.Silence;
        // A platform's cameras follow their platform (PlatformPresence): their own last-seen time is not kept fresh.
        var due = await db.Cameras.AsNoTracking()
            .Where(c => c.Status == CameraStatus.Online && c.PlatformId == null
                && (c.LastSeenAt == null || c.LastSeenAt < cutoff || (c.RegisteredUntil != null && c.RegisteredUntil < now)))
            .OrderBy(c => c.LastSeenAt).Select(c => new { c.DeviceId, c.RegisteredUntil }).Take(Batch).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var camera in due)
        {
            var reason = camera.RegisteredUntil is { } until && until < now ? CameraPresence.Expired : CameraPresence.Silent;
            if (await presence.OfflineAsync(camera.DeviceId, reason, cutoff, cancellationToken)) changed++;
        }
        var platforms = await db.Platforms.AsNoTracking()
            .Where(p => p.Status == CameraStatus.Online && (p.LastSeenAt == null || p.LastSeenAt < cutoff || (p.RegisteredUntil != null && p.RegisteredUntil < now)))
            .OrderBy(p => p.LastSeenAt).Select(p => new { p.DeviceId, p.RegisteredUntil }).Take(Batch).ToListAsync(cancellationToken);
        foreach (var platform in platforms)
        {
            var reason = platform.RegisteredUntil is { } until && until < now ? CameraPresence.Expired : CameraPresence.Silent;
            if (await platformPresence.OfflineAsync(platform.DeviceId, reason, cutoff, cancellationToken)) changed++;
        }
        return changed;
    }
}
