using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging.Tests.Support;

/// <summary>The consuming service's database: what it received, how often, and whether in order.</summary>
public sealed class ReceiverDb(DbContextOptions<ReceiverDb> options) : DbContext(options)
{
    public DbSet<ReceivedEntry> Received => Set<ReceivedEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<ReceivedEntry>().HasKey(r => r.EntryNo);
        model.Entity<ReceivedEntry>().Property(r => r.EntryNo).ValueGeneratedNever();
        model.Entity<ReceivedEntry>().HasIndex(r => new { r.Aggregate, r.EntryNo });
        model.AddOutboxAndInbox();
    }
}

public sealed class ReceivedEntry
{
    public long EntryNo { get; set; }
    public required string Aggregate { get; set; }
    /// <summary>How many times the consumer processed this entry: exactly once means 1.</summary>
    public int Times { get; set; }
    /// <summary>Set when an entry of the same aggregate with a higher position was processed first.</summary>
    public bool OutOfOrder { get; set; }
    /// <summary>Diagnostics for an order failure: when it was processed (process-wide count), and how it came.</summary>
    public long ProcessedOrder { get; set; }
    public bool Redelivered { get; set; }
    public long DeliveryTag { get; set; }
}
