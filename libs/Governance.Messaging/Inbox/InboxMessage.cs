namespace Governance.Messaging.Inbox;

/// <summary>A message a consumer has processed; its key makes a second processing impossible.</summary>
public sealed class InboxMessage
{
    /// <summary>The message id on the wire.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The consumer that processed it (one message may go to several consumers).</summary>
    public required string Consumer { get; set; }

    /// <summary>When it was processed (UTC); old rows are swept after the retention period.</summary>
    public DateTime ProcessedAt { get; set; }
}
