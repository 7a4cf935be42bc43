using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Status;

/// <summary>
/// What SIP intake reports, stored before it answers: registrations and keepalives keep a camera online (a platform
/// and the cameras behind it: <see cref="PlatformPresence"/>), an unregister takes it offline, and an alarm is committed to the alarms table
/// (<see cref="AlarmBatcher"/>, which notes the sender as seen once per batch) before the 200 goes out.
/// </summary>
public sealed class CameraDeviceEvents(VideoAlertDb db, CameraPresence presence, PlatformPresence platforms, AlarmBatcher alarms) : IDeviceEvents
{
    public async Task RegisteredAsync(DeviceRegistration registration, CancellationToken cancellationToken)
    {
        var id = registration.DeviceId.Value;
        var until = registration.Expires.UtcDateTime;
        if (!await presence.SeenAsync(id, until, cancellationToken))
            await platforms.SeenAsync(id, until, cancellationToken);
    }

    public async Task UnregisteredAsync(DeviceId deviceId, CancellationToken cancellationToken)
    {
        var id = deviceId.Value;
        await presence.OfflineAsync(id, CameraPresence.Unregistered, silentBefore: null, cancellationToken);
        await db.Platforms.Where(p => p.DeviceId == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.RegisteredUntil, (DateTime?)null), cancellationToken);
        await platforms.OfflineAsync(id, CameraPresence.Unregistered, silentBefore: null, cancellationToken);
        // After the writes: an alarm that came meanwhile and noted the sender must not spare the next one noting it online again.
        alarms.ForgetSeen(id);
    }

    public Task KeepAliveAsync(DeviceId sender, KeepaliveNotify keepalive, CancellationToken cancellationToken) => SenderSeenAsync(sender.Value, cancellationToken);

    public Task AlarmReceivedAsync(DeviceId sender, AlarmNotify alarm, CancellationToken cancellationToken) =>
        alarms.StoreAsync(sender, alarm, cancellationToken);

    /// <summary>A camera that sent something is online; a platform's last-seen time is refreshed, and its cameras with it.</summary>
    public async Task SenderSeenAsync(string id, CancellationToken cancellationToken)
    {
        if (await presence.SeenAsync(id, registeredUntil: null, cancellationToken)) return;
        // A platform's last-seen time (written again only once staler than PresenceOptions.SeenResolution), and its cameras with it.
        await platforms.SeenAsync(id, registeredUntil: null, cancellationToken);
    }
}
