using Governance.Messaging.Inbox;
using Governance.Messaging.TestHost;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging.Tests.Support;

/// <summary>Records each entry it processes; a second processing of one entry would show as Times = 2.</summary>
public sealed class LedgerEntryConsumer(ReceiverDb db) : InboxConsumer<ReceiverDb, LedgerEntryWritten>(db)
{
    private static long _processed;

    protected override async Task HandleAsync(ConsumeContext<LedgerEntryWritten> context)
    {
        var entry = context.Message;
        var row = await Db.Received.FindAsync([entry.EntryNo], context.CancellationToken);
        if (row is not null)
        {
            row.Times++;
            return;
        }
        var latest = await Db.Received.Where(r => r.Aggregate == entry.Aggregate)
            .MaxAsync(r => (long?)r.EntryNo, context.CancellationToken);
        Db.Received.Add(new ReceivedEntry
        {
            EntryNo = entry.EntryNo, Aggregate = entry.Aggregate, Times = 1, OutOfOrder = latest > entry.EntryNo,
            ProcessedOrder = Interlocked.Increment(ref _processed),
            Redelivered = context.ReceiveContext.Redelivered,
            DeliveryTag = context.TryGetPayload<MassTransit.RabbitMqBasicConsumeContext>(out var rabbit) ? (long)rabbit.DeliveryTag : -1,
        });
    }
}
