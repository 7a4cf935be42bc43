namespace Governance.VideoAlert.Webhook;

/// <summary>
/// The webhook's settings. JSON shape:
/// <code>"VideoAlert": { "Webhook": { "WallTimeOffset": "08:00", "RequestsPerSecond": 2000, "Burst": 4000 } }</code>
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "VideoAlert:Webhook";

    /// <summary>
    /// The zone whose wall time an alarm's DeviceTime keeps: GB/T 28181 devices write their local time without a zone, so a
    /// webhook alarm's occurredAt is turned into the same kind of wall time (China Standard Time by default) and the two
    /// intakes' alarms compare as they are.
    /// </summary>
    public TimeSpan WallTimeOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sustained requests per second one source's key may send; 429 beyond the burst.</summary>
    public int RequestsPerSecond { get; set; } = 2000;

    public int Burst { get; set; } = 4000;
}
