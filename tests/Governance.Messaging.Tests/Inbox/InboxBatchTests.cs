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
            });
        var bus = receiver.Services.GetRequiredService<IBus>();
        // Numbers of this test only: the consumer counts attempts per number across the process.
        var first = Random.Shared.NextInt64(10_000_000, 20_000_000) * 100;
        const int count = 60;
        var failing = new[] { first + 5, first + 20, first + 21, first + 47 };

        // One after another, confirmed: the queue holds them in this order, one aggregate.
        for (var no = first; no < first + count; no++)
            await bus.Publish(new Parcel(no, FailOnce: failing.Contains(no)), Ct);

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
