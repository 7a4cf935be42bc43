namespace Governance.Messaging.Bus;

/// <summary>
/// The bus of a host. JSON shape:
/// <code>
/// "ConnectionStrings": { "rabbitmq": "amqp://user:pass@rabbitmq:5672/" },
/// "Messaging": { "ServiceName": "grid", "QuorumQueues": true, "RetryIntervalsMs": [200, 1000, 5000],
///                "PrefetchCount": 32, "ConcurrentMessageLimit": 16, "Heartbeat": "00:00:10",
///                "InboxBatchSize": 32, "InboxBatchWait": "00:00:00.005" }
/// </code>
/// Without a <c>rabbitmq</c> connection string the host runs on the in-memory transport (standalone).
/// </summary>
public sealed class MessagingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Messaging";

    /// <summary>Prefix of every queue the host declares, so that services never share a queue by accident.</summary>
    public string? ServiceName { get; set; }

    /// <summary>Declare receive queues as quorum queues (replicated; the cluster's choice), classic otherwise.</summary>
    public bool QuorumQueues { get; set; }

    /// <summary>
    /// Waits between redeliveries of a message whose consumer threw; after the last one the message
    /// moves to the queue's <c>_error</c> queue and the messages behind it go on. Unset: 200, 1000, 5000.
    /// </summary>
    /// <remarks>No default in the property itself: the configuration binder appends to an array that has one.</remarks>
    public int[]? RetryIntervalsMs { get; set; }

    /// <summary>The retry intervals in force.</summary>
    public int[] EffectiveRetryIntervalsMs => RetryIntervalsMs ?? [200, 1000, 5000];

    /// <summary>Messages the broker hands a receive endpoint before it has acknowledged earlier ones.</summary>
    public int PrefetchCount { get; set; } = 32;

    /// <summary>Messages a receive endpoint consumes at once.</summary>
    public int ConcurrentMessageLimit { get; set; } = 16;

    /// <summary>
    /// Messages an inbox consumer claims and processes in one transaction, at most. Within a batch the
    /// messages run in their producers' outbox order; across batches MassTransit gives no fixed order
    /// when a burst is redelivered after a broker restart. A consumer that needs each aggregate's order
    /// strictly, through outages too, sets 1 (and <see cref="ConcurrentMessageLimit"/> 1): one message
    /// at a time, a transaction each.
    /// </summary>
    public int InboxBatchSize { get; set; } = 32;

    /// <summary>
    /// How long an inbox consumer waits for a batch to fill after its first message: the most a quiet
    /// stream adds to an event's lag. A busy stream fills its batches without waiting.
    /// </summary>
    public TimeSpan InboxBatchWait { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>AMQP heartbeat asked of the broker: a silent connection counts as lost after two of them.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);
}
