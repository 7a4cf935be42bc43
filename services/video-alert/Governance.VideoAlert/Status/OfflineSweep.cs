using Governance.ServiceDefaults.Scans;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Status;

/// <summary>
/// Every <see cref="PresenceOptions.SweepInterval"/>: online cameras silent for <see cref="PresenceOptions.Silence"/>
/// (missed keepalives) or whose registration expired go offline, each through <see cref="CameraPresence"/>, which
/// checks again as it changes it (a keepalive arriving meanwhile wins).
/// </summary>
public sealed class OfflineSweep(VideoAlertDb db, CameraPresence presence, IOptions<PresenceOptions> options, TimeProvider clock) : IPeriodicScan
{
    private const int Batch = 500;

    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.Silence;
        var due = await db.Cameras.AsNoTracking()
            .Where(c => c.Status == CameraStatus.Online && (c.LastSeenAt == null || c.LastSeenAt < cutoff || (c.RegisteredUntil != null && c.RegisteredUntil < now)))
            .OrderBy(c => c.LastSeenAt).Select(c => new { c.DeviceId, c.RegisteredUntil }).Take(Batch).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var camera in due)
        {
            var reason = camera.RegisteredUntil is { } until && until < now ? CameraPresence.Expired : CameraPresence.Silent;
            if (await presence.OfflineAsync(camera.DeviceId, reason, cutoff, cancellationToken)) changed++;
        }
        return changed;
    }
}
