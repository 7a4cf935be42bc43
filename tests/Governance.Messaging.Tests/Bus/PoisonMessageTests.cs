using Governance.Messaging.Tests.Support;
using Governance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Messaging.Tests.Bus;

public sealed class PoisonMessageTests
{
    [Fact]
    public async Task Poison_message_lands_in_the_error_queue_after_the_retries_and_does_not_hold_back_the_rest()
    {
        await using var database = await TestPostgres.CreateAsync();
        var prefix = "t" + Guid.NewGuid().ToString("n")[..8];
        var queue = prefix + "-parcel";
        await using var receiver = await ReceiverHost.StartAsync(database.ConnectionString, prefix,
            bus => bus.AddConsumer<ParcelConsumer>(), [queue],
            new Dictionary<string, string?> { ["Messaging:RetryIntervalsMs:0"] = "300", ["Messaging:RetryIntervalsMs:1"] = "300" });
        var bus = receiver.Services.GetRequiredService<IBus>();
        var poisonNo = Random.Shared.NextInt64(1_000_000, 2_000_000);

        await bus.Publish(new Parcel(poisonNo, Poisoned: true), TestContext.Current.CancellationToken);
        for (var no = 1; no <= 20; no++) await bus.Publish(new Parcel(no), TestContext.Current.CancellationToken);

        Assert.True(await receiver.WaitUntilAsync(async db => await db.Received.CountAsync() == 20, TimeSpan.FromSeconds(30)),
            "the messages behind the poisoned one were not all processed");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await TestRabbitMq.MessageCountAsync(queue + "_error") < 1 && DateTime.UtcNow < deadline) await Task.Delay(100, TestContext.Current.CancellationToken);

        Assert.Equal(1, await TestRabbitMq.MessageCountAsync(queue + "_error"));
        // The first try and two retries; each of them twice when it fell in a batch with other messages
        // (the batch, then the message alone: InboxConsumer).
        Assert.InRange(ParcelConsumer.Attempts(poisonNo), 3, 6);
        Assert.False(await receiver.QueryAsync(db => db.Received.AnyAsync(r => r.EntryNo == poisonNo)));
    }
}
