namespace Governance.VideoAlert.Status;

/// <summary>
/// When a camera counts as offline. JSON: "VideoAlert": { "Presence": { "KeepaliveInterval": "00:01:00",
/// "MissedKeepalives": 3, "SweepInterval": "00:00:30" } }. GB/T 28181 devices send a keepalive every 60 s by default
/// and are declared offline after 3 missed ones.
/// </summary>
public sealed class PresenceOptions
{
    public const string Section = "VideoAlert:Presence";

    /// <summary>How often devices are set to send a keepalive.</summary>
    public TimeSpan KeepaliveInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A camera not heard from for this many intervals is offline.</summary>
    public int MissedKeepalives { get; set; } = 3;

    /// <summary>How often the sweep looks for silent cameras and expired registrations.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan Silence => KeepaliveInterval * MissedKeepalives;

    /// <summary>
    /// How stale a last-seen time may be before a keepalive or alarm writes it again: a tenth of the keepalive interval,
    /// far finer than the silence that takes a device offline. Without it a lower platform forwarding a burst of alarms
    /// would update its own row once per alarm, and every alarm would queue on that one row's lock.
    /// </summary>
    public TimeSpan SeenResolution => KeepaliveInterval / 10;
}
