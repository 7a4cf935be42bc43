using Governance.Messaging.Outbox;
using Governance.Messaging.Tests.Support;
using Governance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Messaging.Tests.Inbox;

// Inbox consumers take batches; a batch that fails is redone one message at a time, and a message
// that fails alone is retried there and then (InboxConsumer).
public sealed class InboxBatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Message_that_fails_inside_a_batch_is_retried_in_place_and_nothing_behind_it_overtakes_it()
    {
        await using var database = await TestPostgres.CreateAsync();
        var prefix = "t" + Guid.NewGuid().ToString("n")[..8];
        var queue = prefix + "-parcel";
        await using var receiver = await ReceiverHost.StartAsync(database.ConnectionString, prefix,
            bus => bus.AddConsumer<ParcelConsumer>(), [queue],
            new Dictionary<string, string?>
            {
                ["Messaging:RetryIntervalsMs:0"] = "300",
                ["Messaging:RetryIntervalsMs:1"] = "300",
                ["Messaging:InboxBatchSize"] = "16",
                // Batches close when full, never on time, but the last: with the endpoint's 16 messages in flight all in
                // one batch, none can slip into the next. A batch closed on time (5 ms by default) leaves a message its
                // delivery task had not yet handed over to the next batch, which then commits after a later one: the
                // library promises strict order only with batches of one (README), so this test does not measure that.
                ["Messaging:InboxBatchWait"] = "00:00:02",
            });
        var bus = receiver.Services.GetRequiredService<IBus>();
        // Numbers of this test only: the consumer counts attempts per number across the process.
        var first = Random.Shared.NextInt64(10_000_000, 20_000_000) * 100;
        const int count = 60;
        var failing = new[] { first + 5, first + 20, first + 21, first + 47 };

        // One after another, confirmed: the queue holds them in this order, one aggregate. Each carries its place as an
        // outbox would (every event the services publish does): MassTransit hands the up to 16 messages it delivers at
        // once to a batch in whatever order their tasks reach it, so the inbox orders a batch by that header.
        for (var no = first; no < first + count; no++)
        {
            var sequence = no;
            await bus.Publish(new Parcel(no, FailOnce: failing.Contains(no)), c => c.Headers.Set(OutboxHeaders.Sequence, sequence), Ct);
        }

        Assert.True(await receiver.WaitUntilAsync(async db => await db.Received.CountAsync() == count, TimeSpan.FromSeconds(60)),
            "not every parcel was processed");
        var rows = await receiver.QueryAsync(db => db.Received.AsNoTracking().ToListAsync(Ct));
        Assert.All(rows, r => Assert.Equal(1, r.Times));
        Assert.Empty(rows.Where(r => r.OutOfOrder).Select(r => r.EntryNo - first));
        // Each failing parcel failed once (alone, or in its batch first) and then succeeded: none faulted.
        Assert.All(failing, no => Assert.InRange(ParcelConsumer.Attempts(no), 2, 3));
        Assert.True(await TestRabbitMq.MessageCountAsync(queue + "_error") <= 0, "a parcel went to the error queue"); // -1: never declared
    }
}
