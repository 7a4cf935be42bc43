using System.Net;
using Governance.VideoAlert.Devices;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// What SIP intake tells the service. Each call completes only once its effect is stored: intake answers 200 after
/// it returns, and 500 if it throws, so a device retries an alarm that was not kept; but 404 for an
/// <see cref="UnknownDeviceException"/> (an alarm about a camera the registry does not know or has retired), which no retry helps.
/// </summary>
public interface IDeviceEvents
{
    Task RegisteredAsync(DeviceRegistration registration, CancellationToken cancellationToken);

    Task UnregisteredAsync(DeviceId deviceId, CancellationToken cancellationToken);

    /// <summary><paramref name="sender"/> is the SIP From device; a lower platform's keepalive names itself.</summary>
    Task KeepAliveAsync(DeviceId sender, KeepaliveNotify keepalive, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="sender"/> sent the alarm; <c>alarm.DeviceId</c> raised it (a lower platform forwards its cameras'
    /// alarms under its own SIP id). The same SN from the same sender may arrive twice (a device retrying after a lost
    /// 200): the implementation decides whether that is a duplicate.
    /// </summary>
    Task AlarmReceivedAsync(DeviceId sender, AlarmNotify alarm, CancellationToken cancellationToken);
}

/// <summary>A successful REGISTER: who, from where, the Contact to reach it, and until when.</summary>
public sealed record DeviceRegistration(DeviceId DeviceId, IPEndPoint Remote, SipTransport Transport, string? Contact, DateTimeOffset Expires);
