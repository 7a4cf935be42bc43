using Governance.Messaging.Tests.Support;
using Governance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Messaging.Tests.Inbox;

public sealed class InboxTests : IAsyncLifetime
{
    private TestPostgres _database = null!;
    private ReceiverHost _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestPostgres.CreateAsync();
        var prefix = "t" + Guid.NewGuid().ToString("n")[..8];
        _receiver = await ReceiverHost.StartAsync(_database.ConnectionString, prefix, bus => bus.AddConsumer<ParcelConsumer>(),
            [prefix + "-parcel"], new Dictionary<string, string?> { ["Messaging:RetryIntervalsMs:0"] = "100" });
    }

    [Fact]
    public async Task Message_delivered_three_times_with_one_id_is_processed_once()
    {
        var bus = _receiver.Services.GetRequiredService<IBus>();
        var id = Guid.NewGuid();
        var no = Random.Shared.NextInt64(1, 1_000_000);

        for (var i = 0; i < 3; i++)
            await bus.Publish(new Parcel(no), Pipe.Execute<PublishContext>(c => c.MessageId = id), TestContext.Current.CancellationToken);
        await bus.Publish(new Parcel(no + 1), TestContext.Current.CancellationToken); // a marker: processed after the copies

        Assert.True(await _receiver.WaitUntilAsync(db => db.Received.AnyAsync(r => r.EntryNo == no + 1), TimeSpan.FromSeconds(30)));
        await Task.Delay(500, TestContext.Current.CancellationToken); // let any straggling copy finish
        var row = await _receiver.QueryAsync(db => db.Received.SingleAsync(r => r.EntryNo == no));
        Assert.Equal(1, row.Times);
        // Copies handled side by side may each run the handler; only one may commit.
        Assert.Equal(1, await _receiver.QueryAsync(db => db.Set<Governance.Messaging.Inbox.InboxMessage>().CountAsync(m => m.MessageId == id)));
    }

    [Fact]
    public async Task Handler_that_fails_after_writing_leaves_nothing_and_its_retry_processes_once()
    {
        var bus = _receiver.Services.GetRequiredService<IBus>();
        var no = Random.Shared.NextInt64(1_000_000, 2_000_000);

        await bus.Publish(new Parcel(no, FailOnce: true), TestContext.Current.CancellationToken);

        Assert.True(await _receiver.WaitUntilAsync(db => db.Received.AnyAsync(r => r.EntryNo == no), TimeSpan.FromSeconds(30)));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var row = await _receiver.QueryAsync(db => db.Received.SingleAsync(r => r.EntryNo == no));
        Assert.Equal(1, row.Times);
        Assert.Equal(2, ParcelConsumer.Attempts(no));
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _database.DisposeAsync();
    }
}
