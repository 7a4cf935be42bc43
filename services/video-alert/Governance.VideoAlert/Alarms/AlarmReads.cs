using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Alarms;

/// <summary>Alarms as received, newest first, for callers holding alert.read over the alarm's org.</summary>
public sealed class AlarmReads(VideoAlertDb db, RolePermissions permissions)
{
    /// <summary>One camera's alarms; a camera out of reach reads as absent.</summary>
    public async Task<IReadOnlyList<Alarm>> OfCameraAsync(Caller caller, string deviceId, int limit, int offset, CancellationToken ct)
    {
        CameraRegistry.CheckPage(limit, offset);
        var org = await db.Cameras.AsNoTracking().Where(c => c.DeviceId == deviceId).Select(c => c.OrgPath).FirstOrDefaultAsync(ct);
        if (org is null || !await permissions.IsPermittedAsync(caller, VideoAlertPermissions.AlertRead, OrgPath.Parse(org), ct))
            throw DomainException.NotFound($"No camera {deviceId} within your reach.");
        return await db.Alarms.AsNoTracking().Where(a => a.CameraId == deviceId).WithinSubtree(a => a.OrgPath, org)
            .OrderByDescending(a => a.ReceivedAt).ThenByDescending(a => a.Id).Skip(offset).Take(limit).ToListAsync(ct);
    }

    /// <summary>The alarms in the caller's reach, within <paramref name="org"/> when given.</summary>
    public async Task<IReadOnlyList<Alarm>> ListAsync(Caller caller, string? org, int limit, int offset, CancellationToken ct)
    {
        CameraRegistry.CheckPage(limit, offset);
        var subtrees = await permissions.PermittedSubtreesAsync(caller, VideoAlertPermissions.AlertRead, ct);
        var query = db.Alarms.AsNoTracking().WithinAnySubtree(subtrees, a => a.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            query = query.WithinSubtree(a => a.OrgPath, within.Value);
        }
        return await query.OrderByDescending(a => a.ReceivedAt).ThenByDescending(a => a.Id).Skip(offset).Take(limit).ToListAsync(ct);
    }
}
