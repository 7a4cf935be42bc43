using Governance.VideoAlert.Data;
using Governance.VideoAlert.Status;
using Governance.VideoAlert.Webhook;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Governance.VideoAlert.Cameras;

/// <summary>
/// Drops what this process cached about a camera or platform (<see cref="SipCredentialCache"/>,
/// <see cref="WebhookCameraCache"/>) when its row is saved through video-alert's context (registered, moved, its password
/// or platform changed). It forgets every camera the context tracks, changed or not, instead of asking the change
/// tracker which changed (that would detect changes across a batch's hundreds of rows on every save), and any tracked
/// platform clears the credentials. Set-based status updates (presence, registrations) touch neither. An entry a racing
/// read puts back just before the commit lives at most its cache's trust time.
/// </summary>
internal sealed class CameraCacheInvalidation(SipCredentialCache credentials, WebhookCameraCache places) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Invalidate(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Invalidate(eventData.Context);
        return result;
    }

    private void Invalidate(DbContext? context)
    {
        if (context is not VideoAlertDb db) return;
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<SipPlatform>().Any()) credentials.Clear();
            foreach (var camera in tracker.Entries<Camera>())
            {
                credentials.Forget(camera.Entity.DeviceId);
                places.Forget(camera.Entity.DeviceId);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
