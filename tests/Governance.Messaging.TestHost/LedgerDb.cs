using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging.TestHost;

/// <summary>The writer's database: one row per committed transaction, plus the outbox.</summary>
public sealed class LedgerDb(DbContextOptions<LedgerDb> options) : DbContext(options)
{
    public DbSet<LedgerTransaction> Transactions => Set<LedgerTransaction>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<LedgerTransaction>().HasKey(t => t.No);
        model.Entity<LedgerTransaction>().Property(t => t.No).ValueGeneratedNever();
        model.AddOutboxAndInbox();
    }
}

public sealed class LedgerTransaction
{
    public long No { get; set; }
    public DateTime CommittedAt { get; set; }
}

/// <summary>The event the writer emits: entry numbers run 0..N-1 without gaps; position orders one aggregate.</summary>
public sealed record LedgerEntryWritten(long EntryNo, string Aggregate, long Position, DateTime WrittenAt);
