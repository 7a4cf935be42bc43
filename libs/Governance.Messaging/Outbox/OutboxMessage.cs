namespace Governance.Messaging.Outbox;

/// <summary>
/// An event waiting to be published: written in the same <c>SaveChanges</c> as the state change it
/// reports, deleted only after the broker has confirmed it.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Insertion order; the dispatcher publishes in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>The message id on the wire, so that consumers' inboxes recognise a re-send.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The event's type, <c>Full.Name, Assembly</c>.</summary>
    public required string MessageType { get; set; }

    /// <summary>The event as JSON.</summary>
    public required string Body { get; set; }

    /// <summary>Events with the same key are published one after another, in sequence order.</summary>
    public string? AggregateKey { get; set; }

    /// <summary>When the event was written (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Rounds that found the row unreadable (unknown type, broken JSON); at
    /// <see cref="OutboxOptions.MaxAttempts"/> it moves to <see cref="OutboxDeadLetter"/>. Broker
    /// failures never count: an outage must not dead-letter good events.
    /// </summary>
    public int Attempts { get; set; }
}
