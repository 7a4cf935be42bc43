using Governance.VideoAlert.Devices;

namespace Governance.VideoAlert.Sip;

/// <summary>A MANSCDP+xml &lt;Notify&gt; body that intake understands.</summary>
public abstract record ManscdpNotify(string Sn, DeviceId DeviceId);

/// <summary>&lt;Notify&gt;&lt;CmdType&gt;Keepalive&lt;/CmdType&gt;: the device (or platform) is alive; Status "OK" or an error word.</summary>
public sealed record KeepaliveNotify(string Sn, DeviceId DeviceId, string Status) : ManscdpNotify(Sn, DeviceId);

/// <summary>
/// &lt;Notify&gt;&lt;CmdType&gt;Alarm&lt;/CmdType&gt; as DOMAIN.md describes it. AlarmTime is the device's local wall time
/// (GB/T 28181 writes no zone); normalising it and the codes is the service's job, not the parser's.
/// </summary>
public sealed record AlarmNotify(
    string Sn,
    DeviceId DeviceId,
    int Priority,
    int Method,
    DateTime AlarmTime,
    string? Description,
    double? Longitude,
    double? Latitude,
    int? AlarmType) : ManscdpNotify(Sn, DeviceId);
