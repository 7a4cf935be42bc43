using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Sip;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Status;

/// <summary>
/// Who may register, from the registry: a camera with its own password, a camera of a lower platform with the
/// platform's, a platform with its own. Anything else is unknown (404).
/// </summary>
public sealed class CameraSipCredentials(VideoAlertDb db, SipSecrets secrets) : ISipCredentials
{
    public async ValueTask<SipCredential?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        var camera = await db.Cameras.AsNoTracking().Where(c => c.DeviceId == deviceId)
            .Select(c => new { c.SipPassword, c.PlatformId }).FirstOrDefaultAsync(cancellationToken);
        if (camera?.SipPassword is { } own) return new SipCredential(secrets.Unprotect(deviceId, own));
        var platformId = camera?.PlatformId ?? deviceId;
        var platform = await db.Platforms.AsNoTracking().Where(p => p.DeviceId == platformId).Select(p => p.SipPassword).FirstOrDefaultAsync(cancellationToken);
        if (platform is null) return null;
        return new SipCredential(secrets.Unprotect(platformId, platform), camera is null ? SipCredentialScope.Device : SipCredentialScope.Platform);
    }
}
