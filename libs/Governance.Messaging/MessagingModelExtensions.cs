using Governance.Messaging.Inbox;
using Governance.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging;

/// <summary>Maps the outbox and inbox tables into a service's own database.</summary>
public static class MessagingModelExtensions
{
    /// <summary>Call from the service context's <c>OnModelCreating</c>; the service's migrations then carry the outbox, its dead letters and the inbox.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.Property(m => m.MessageType).HasMaxLength(500);
            outbox.Property(m => m.AggregateKey).HasMaxLength(200);
        });
        model.Entity<OutboxDeadLetter>(dead =>
        {
            dead.ToTable("outbox_dead_letters");
            dead.HasKey(m => m.Sequence);
            dead.Property(m => m.Sequence).ValueGeneratedNever();
            dead.Property(m => m.MessageType).HasMaxLength(500);
            dead.Property(m => m.AggregateKey).HasMaxLength(200);
        });
        model.Entity<InboxMessage>(inbox =>
        {
            // InboxConsumer claims rows with plain SQL on these names: keep them in step.
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
            inbox.HasIndex(m => m.ProcessedAt);
        });
        return model;
    }
}
