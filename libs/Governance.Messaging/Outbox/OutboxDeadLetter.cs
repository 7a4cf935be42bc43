namespace Governance.Messaging.Outbox;

/// <summary>
/// An outbox row the dispatcher could not turn back into a message (unknown type, broken JSON) after
/// <see cref="OutboxOptions.MaxAttempts"/> rounds: moved here, whole, with the error, so that it stops
/// holding up the rows of its aggregate and can be repaired and re-queued by hand.
/// </summary>
public sealed class OutboxDeadLetter
{
    /// <summary>The row's sequence in the outbox it left (unique: sequences are never reused).</summary>
    public long Sequence { get; set; }

    /// <summary>The message id the event would have carried.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The type name as written, <c>Full.Name, Assembly</c>.</summary>
    public required string MessageType { get; set; }

    /// <summary>The body as written.</summary>
    public required string Body { get; set; }

    /// <summary>The aggregate whose later rows went on without this one.</summary>
    public string? AggregateKey { get; set; }

    /// <summary>When the event was written (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Rounds that tried to read it.</summary>
    public int Attempts { get; set; }

    /// <summary>Why it could not be read, from the last attempt.</summary>
    public required string Error { get; set; }

    /// <summary>When it was moved here (UTC).</summary>
    public DateTime DeadLetteredAt { get; set; }
}
