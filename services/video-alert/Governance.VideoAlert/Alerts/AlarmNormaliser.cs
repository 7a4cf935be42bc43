using Governance.VideoAlert.Alarms;

namespace Governance.VideoAlert.Alerts;

/// <summary>
/// Turns an alarm's GB/T 28181 codes (AlarmMethod 1–7 and the AlarmType within it, DOMAIN.md) into the centre's words:
/// a kind of <see cref="AlertKinds"/>, a priority 1–4 and a method of <see cref="AlertMethods"/>. Pure: the same codes
/// always give the same kind. A webhook alarm arrives with its kind already named and keeps it.
/// </summary>
public static class AlarmNormaliser
{
    public const int HighestPriority = 1, LowestPriority = 4;

    /// <summary>The alarm's kind, priority and method as an alert carries them.</summary>
    public static (string Kind, int Priority, string Method) Normalise(Alarm alarm) =>
        (alarm.Kind is { } named ? (AlertKinds.IsKnown(named) ? named : AlertKinds.Other) : KindOf(alarm.Method, alarm.AlarmType),
         PriorityOf(alarm.Priority), AlertMethods.OfCode(alarm.Method));

    /// <summary>
    /// The kind the codes name. Codes no kind fits (a manual alarm, motion, loitering, temperature, a fan) are other:
    /// fire_smoke, flooding and road_blocked have no GB/T 28181 code and come from analytics boxes over the webhook.
    /// </summary>
    public static string KindOf(int method, int? type) => (method, type) switch
    {
        // 2 device alarm: 1 video loss, 2 tamper, 3 disk full (4/5 high/low temperature: other).
        (2, 1) => AlertKinds.VideoLoss,
        (2, 2) => AlertKinds.Tampering,
        (2, 3) => AlertKinds.StorageFault,
        // 5 video alarm: 3 abandoned object, 5 tripwire and 6 intrusion, 9 flow count and 10 density, 11 video anomaly
        // (the picture lost or degraded, a device fault like video loss).
        (5, 3) => AlertKinds.AbandonedObject,
        (5, 5) or (5, 6) => AlertKinds.Intrusion,
        (5, 9) or (5, 10) => AlertKinds.CrowdDensity,
        (5, 11) => AlertKinds.VideoLoss,
        // 6 device fault: 1 disk (2 fan: other).
        (6, 1) => AlertKinds.StorageFault,
        _ => AlertKinds.Other,
    };

    /// <summary>
    /// 1 (highest) to 4. SIP intake already refuses an AlarmPriority outside 1–4 (400 with a Warning naming it, so the
    /// device's integrator sees it and nothing is stored); any other value reaching here is clamped to the range.
    /// </summary>
    public static int PriorityOf(int priority) => Math.Clamp(priority, HighestPriority, LowestPriority);
}
