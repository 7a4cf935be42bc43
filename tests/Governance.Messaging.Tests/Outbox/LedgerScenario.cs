using Governance.Messaging.Tests.Support;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging.Tests.Outbox;

/// <summary>
/// A writer process (outbox on its own PostgreSQL database) and a receiver (inbox on another),
/// over the real RabbitMQ; the verdict reads what the receiver stored.
/// </summary>
public sealed class LedgerScenario : IAsyncDisposable
{
    public const int Transactions = 1000;
    public const int EventsPerTransaction = 10;
    public const int Events = Transactions * EventsPerTransaction;

    private LedgerScenario(TestPostgres ledger, TestPostgres received, ReceiverHost receiver)
    {
        Ledger = ledger;
        ReceivedDatabase = received;
        Receiver = receiver;
    }

    public TestPostgres Ledger { get; }
    public TestPostgres ReceivedDatabase { get; }
    public ReceiverHost Receiver { get; }

    /// <summary>
    /// With <paramref name="inboxBatchSize"/> 1 the receiver takes one message at a time, the mode that
    /// keeps each aggregate's order strictly; larger batches keep it only within a batch.
    /// </summary>
    public static async Task<LedgerScenario> StartAsync(int inboxBatchSize = 1)
    {
        var ledger = await TestPostgres.CreateAsync();
        var received = await TestPostgres.CreateAsync();
        var prefix = "t" + Guid.NewGuid().ToString("n")[..8];
        // One message (or batch) at a time, so that the order the broker delivers in is the order processed.
        var receiver = await ReceiverHost.StartAsync(received.ConnectionString, prefix,
            bus => bus.AddConsumer<LedgerEntryConsumer>(), [prefix + "-ledger-entry"],
            new Dictionary<string, string?>
            {
                ["Messaging:ConcurrentMessageLimit"] = "1",
                ["Messaging:PrefetchCount"] = "64",
                ["Messaging:InboxBatchSize"] = inboxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        return new LedgerScenario(ledger, received, receiver);
    }

    public WriterProcess StartWriter(params string[] settings) => WriterProcess.Start(Ledger.ConnectionString,
        [$"--Writer:Transactions={Transactions}", $"--Writer:EventsPerTransaction={EventsPerTransaction}", .. settings]);

    /// <summary>
    /// Waits until every event has arrived; false once none has arrived for <paramref name="stalledFor"/>.
    /// A liveness check, not a speed limit: on a machine shared with other builds the consumer can be
    /// slow, but a consumer that did not come back after an outage takes nothing at all.
    /// </summary>
    public async Task<bool> WaitForAllReceivedAsync(TimeSpan stalledFor)
    {
        var (count, lastProgress) = (-1, DateTime.UtcNow);
        while (DateTime.UtcNow - lastProgress < stalledFor)
        {
            var now = await Receiver.QueryAsync(db => db.Received.CountAsync());
            if (now >= Events) return true;
            if (now > count) (count, lastProgress) = (now, DateTime.UtcNow);
            await Task.Delay(500);
        }
        return false;
    }

    /// <summary>Entry numbers received, how many were processed more than once, how many out of order.</summary>
    public Task<(int Distinct, long Lowest, long Highest, int ProcessedTwice, int OutOfOrder)> VerdictAsync() =>
        Receiver.QueryAsync(async db => (
            await db.Received.CountAsync(),
            await db.Received.MinAsync(r => (long?)r.EntryNo) ?? -1,
            await db.Received.MaxAsync(r => (long?)r.EntryNo) ?? -1,
            await db.Received.CountAsync(r => r.Times != 1),
            await db.Received.CountAsync(r => r.OutOfOrder)));

    /// <summary>For an order failure: each entry processed out of order, with its aggregate's entries around it in processing order.</summary>
    public Task<string> OutOfOrderReportAsync() => Receiver.QueryAsync(async db =>
    {
        var report = new System.Text.StringBuilder();
        foreach (var late in await db.Received.Where(r => r.OutOfOrder).OrderBy(r => r.ProcessedOrder).Take(5).ToListAsync())
        {
            var around = await db.Received.Where(r => r.Aggregate == late.Aggregate
                    && r.ProcessedOrder > late.ProcessedOrder - 2000 && r.ProcessedOrder < late.ProcessedOrder + 500)
                .OrderBy(r => r.ProcessedOrder).ToListAsync();
            report.AppendLine($"entry {late.EntryNo} ({late.Aggregate}) processed late:");
            foreach (var r in around)
                report.AppendLine($"  #{r.ProcessedOrder} entry {r.EntryNo} tag {r.DeliveryTag} redelivered {r.Redelivered}{(r.OutOfOrder ? " LATE" : "")}");
        }
        return report.ToString();
    });

    public async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Ledger.DisposeAsync();
        await ReceivedDatabase.DisposeAsync();
    }
}
