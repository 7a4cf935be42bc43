namespace Governance.Messaging.Outbox;

/// <summary>
/// The outbox dispatcher and inbox sweeper. JSON shape:
/// <code>
/// "Messaging": { "Outbox": { "BatchSize": 200, "PollInterval": "00:00:01", "PublishTimeout": "00:00:30",
///                            "MaxBackoff": "00:00:30", "InboxRetention": "7.00:00:00",
///                            "MaxAttempts": 5 } }
/// </code>
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Messaging:Outbox";

    /// <summary>Rows read and published per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// How often an idle dispatcher looks for rows. A commit in this process wakes it at once; the
    /// poll catches rows committed by other replicas and after a restart.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one round may wait for the broker's confirms before it gives up and retries.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between rounds while the broker or database fails.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Rounds an unreadable row (unknown type, broken JSON) is tried before it moves to the dead-letter
    /// table. More than one because a type can be unknown for a while only: a replica of the previous
    /// release reading an event the new release wrote, during a rolling update.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long processed message ids are kept; must outlast any redelivery.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);
}
