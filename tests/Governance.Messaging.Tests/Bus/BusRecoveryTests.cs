using Governance.Messaging.Tests.Support;
using Governance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Messaging.Tests.Bus;

public sealed class BusRecoveryTests
{
    [Fact]
    public async Task Consumer_whose_queue_is_deleted_under_it_comes_back_by_itself()
    {
        await using var database = await TestPostgres.CreateAsync();
        var prefix = "t" + Guid.NewGuid().ToString("n")[..8];
        var queue = prefix + "-parcel";
        await using var receiver = await ReceiverHost.StartAsync(database.ConnectionString, prefix,
            bus => bus.AddConsumer<ParcelConsumer>(), [queue]);
        var bus = receiver.Services.GetRequiredService<IBus>();
        var first = Random.Shared.NextInt64(3_000_000, 4_000_000);
        await bus.Publish(new Parcel(first), TestContext.Current.CancellationToken);
        Assert.True(await receiver.WaitUntilAsync(db => db.Received.AnyAsync(r => r.EntryNo == first), TimeSpan.FromSeconds(30)));

        await TestRabbitMq.DeleteQueuesAsync(queue); // the broker cancels the consumer; its bindings go too

        // Publish until one gets through: it can only arrive once the endpoint has redeclared its queue.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var no = first;
        var arrived = false;
        while (!arrived && DateTime.UtcNow < deadline)
        {
            await bus.Publish(new Parcel(++no), TestContext.Current.CancellationToken);
            arrived = await receiver.WaitUntilAsync(db => db.Received.AnyAsync(r => r.EntryNo > first), TimeSpan.FromSeconds(2));
        }
        Assert.True(arrived, "the consumer did not come back after its queue was deleted");
    }
}
