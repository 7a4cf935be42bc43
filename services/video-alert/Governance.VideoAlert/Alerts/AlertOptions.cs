namespace Governance.VideoAlert.Alerts;

/// <summary>
/// How alarms fold into alerts. JSON: "VideoAlert": { "Alerts": { "GroupingWindow": "00:05:00", "FlappingFlips": 4,
/// "FlappingWindow": "00:10:00" } }. A repeat within the grouping window of the alert's latest alarm joins it; a camera
/// going offline more than <see cref="FlappingFlips"/> times within <see cref="FlappingWindow"/> is flapping.
/// </summary>
public sealed class AlertOptions
{
    public const string Section = "VideoAlert:Alerts";

    /// <summary>An alarm joins its camera and kind's alert when that alert's latest alarm is at most this old.</summary>
    public TimeSpan GroupingWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Offline changes a camera may have within <see cref="FlappingWindow"/> before it counts as flapping.</summary>
    public int FlappingFlips { get; set; } = 4;

    /// <summary>The window flips are counted in; also how long a device_flapping alert keeps folding flips and faults.</summary>
    public TimeSpan FlappingWindow { get; set; } = TimeSpan.FromMinutes(10);

    internal bool IsValid => GroupingWindow > TimeSpan.Zero && FlappingWindow > TimeSpan.Zero && FlappingFlips >= 1;
}
