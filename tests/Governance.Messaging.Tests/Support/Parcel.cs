using Governance.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging.Tests.Support;

/// <summary>A test message: numbered, and poisoned when its handler must always fail.</summary>
public sealed record Parcel(long No, bool Poisoned = false, bool FailOnce = false);

/// <summary>Stores each parcel; throws on a poisoned one, every time; on a fail-once parcel, after writing, the first time.</summary>
public sealed class ParcelConsumer(ReceiverDb db) : InboxConsumer<ReceiverDb, Parcel>(db)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, int> AttemptsByNo = new();

    public static int Attempts(long no) => AttemptsByNo.GetValueOrDefault(no);

    protected override async Task HandleAsync(ConsumeContext<Parcel> context)
    {
        var parcel = context.Message;
        var attempt = AttemptsByNo.AddOrUpdate(parcel.No, 1, (_, n) => n + 1);
        if (parcel.Poisoned) throw new InvalidOperationException($"parcel {parcel.No} is poisoned");
        var row = await Db.Received.FindAsync([parcel.No], context.CancellationToken);
        if (row is null)
        {
            // Parcels published one after another are one aggregate: a higher number stored first means overtaken.
            var latest = await Db.Received.Where(r => r.Aggregate == "parcels").MaxAsync(r => (long?)r.EntryNo, context.CancellationToken);
            Db.Received.Add(new ReceivedEntry { EntryNo = parcel.No, Aggregate = "parcels", Times = 1, OutOfOrder = latest > parcel.No });
        }
        else row.Times++;
        if (parcel.FailOnce && attempt == 1)
        {
            await Db.SaveChangesAsync(context.CancellationToken); // written, then the handler fails: must roll back
            throw new InvalidOperationException($"parcel {parcel.No} fails its first attempt");
        }
    }
}
