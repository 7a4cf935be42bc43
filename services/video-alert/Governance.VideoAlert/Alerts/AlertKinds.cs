namespace Governance.VideoAlert.Alerts;

/// <summary>
/// The kinds of alert the centre works with (issue 14, DOMAIN.md): events in a public place, and the device's own faults.
/// Nothing here identifies a face, a person or a plate, and no kind may be added that does (ARCHITECTURE, scope boundary).
/// </summary>
public static class AlertKinds
{
    public const string FireSmoke = "fire_smoke";
    public const string Flooding = "flooding";
    public const string Intrusion = "intrusion";
    public const string CrowdDensity = "crowd_density";
    public const string AbandonedObject = "abandoned_object";
    public const string RoadBlocked = "road_blocked";
    public const string VideoLoss = "video_loss";
    public const string Tampering = "tampering";
    public const string StorageFault = "storage_fault";
    /// <summary>A device that keeps going offline and online (flapping), reported once instead of each time.</summary>
    public const string DeviceFlapping = "device_flapping";
    /// <summary>An alarm whose codes name no kind above.</summary>
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All =
        [FireSmoke, Flooding, Intrusion, CrowdDensity, AbandonedObject, RoadBlocked, VideoLoss, Tampering, StorageFault, DeviceFlapping, Other];

    /// <summary>The kinds that are the device's own fault: routed to its owner's maintenance, not to a grid incident by default.</summary>
    public static readonly IReadOnlySet<string> DeviceFaults = new HashSet<string> { VideoLoss, Tampering, StorageFault, DeviceFlapping };

    public static bool IsKnown(string kind) => All.Contains(kind);
}

/// <summary>How an alarm was raised (GB/T 28181 AlarmMethod 1–7), as words.</summary>
public static class AlertMethods
{
    public const string Phone = "phone";
    public const string Device = "device";
    public const string Sms = "sms";
    public const string Gps = "gps";
    public const string Video = "video";
    public const string DeviceFault = "device_fault";
    public const string Other = "other";

    private static readonly string[] ByCode = [Phone, Device, Sms, Gps, Video, DeviceFault, Other];

    public static readonly IReadOnlyList<string> All = ByCode;

    /// <summary>GB/T 28181 AlarmMethod 1–7 as a word; anything else is other.</summary>
    public static string OfCode(int method) => method is >= 1 and <= 7 ? ByCode[method - 1] : Other;
}
