using Governance.Messaging;
using Governance.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Bench.Messaging;

/// <summary>The benchmark's service database: a state row per transaction, the outbox and the inbox.</summary>
public sealed class BenchDb(DbContextOptions<BenchDb> options) : DbContext(options)
{
    public DbSet<BenchTransaction> Transactions => Set<BenchTransaction>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<BenchTransaction>().HasKey(t => t.Id);
        model.AddOutboxAndInbox();
    }
}

public sealed class BenchTransaction
{
    public long Id { get; set; }
    public DateTime At { get; set; }
}

/// <summary>The durable path's event; <see cref="WrittenAt"/> is taken just before the write that carries it.</summary>
public sealed record BenchEvent(string Run, long No, DateTime WrittenAt);

/// <summary>The outbox-only path's event (outbox, no inbox): shows which half of the durable path costs what.</summary>
public sealed record OutboxOnlyEvent(string Run, long No, DateTime WrittenAt);

/// <summary>The raw path's event: a type of its own, so that neither path's queue receives the other's.</summary>
public sealed record RawBenchEvent(string Run, long No, DateTime WrittenAt);

/// <summary>The durable path's consumer: the inbox's transaction and nothing else.</summary>
public sealed class DurableConsumer(BenchDb db, Tally tally) : InboxConsumer<BenchDb, BenchEvent>(db)
{
    protected override Task HandleAsync(ConsumeContext<BenchEvent> context)
    {
        tally.Record(context.Message.Run, context.Message.No, context.Message.WrittenAt);
        return Task.CompletedTask;
    }
}

/// <summary>The raw path's consumer: counts, no database.</summary>
public sealed class RawConsumer(Tally tally) : IConsumer<RawBenchEvent>
{
    public Task Consume(ConsumeContext<RawBenchEvent> context)
    {
        tally.Record(context.Message.Run, context.Message.No, context.Message.WrittenAt);
        return Task.CompletedTask;
    }
}

/// <summary>The outbox-only path's consumer: counts, no inbox.</summary>
public sealed class OutboxOnlyConsumer(Tally tally) : IConsumer<OutboxOnlyEvent>
{
    public Task Consume(ConsumeContext<OutboxOnlyEvent> context)
    {
        tally.Record(context.Message.Run, context.Message.No, context.Message.WrittenAt);
        return Task.CompletedTask;
    }
}
