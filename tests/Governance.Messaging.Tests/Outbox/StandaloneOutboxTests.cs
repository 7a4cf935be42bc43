using Governance.Messaging.Bus;
using Governance.Messaging.Outbox;
using Governance.Messaging.Tests.Support;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Messaging.Tests.Outbox;

/// <summary>The standalone topology: a SQLite file and the in-memory bus, with the same outbox and inbox.</summary>
public sealed class StandaloneOutboxTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("governance-outbox-").FullName;
    private IHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Directory"] = _directory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDatabase<ReceiverDb>("standalone-receiver");
        builder.AddOutbox<ReceiverDb>();
        builder.AddConsumers(bus => bus.AddConsumer<ParcelConsumer>());
        builder.AddMessaging();
        _host = builder.Build();
        await SchemaCommands.PrepareAtStartAsync(_host.Services, TestContext.Current.CancellationToken);
        await _host.StartAsync(TestContext.Current.CancellationToken);
    }

    private async Task<T> WithDb<T>(Func<ReceiverDb, Task<T>> work)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ReceiverDb>());
    }

    private async Task<bool> EventuallyAsync(Func<ReceiverDb, Task<bool>> condition)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await WithDb(condition)) return true;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return false;
    }

    [Fact]
    public async Task Events_saved_through_the_outbox_reach_the_consumer_and_leave_the_outbox()
    {
        await WithDb(async db =>
        {
            for (var no = 1; no <= 50; no++) db.AddToOutbox(new Parcel(no), "parcels");
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        Assert.True(await EventuallyAsync(async db => await db.Received.CountAsync() == 50));
        Assert.True(await EventuallyAsync(async db => !await db.Set<OutboxMessage>().AnyAsync()));
        Assert.Equal(0, await WithDb(db => db.Received.CountAsync(r => r.Times != 1)));
    }

    [Fact]
    public async Task A_change_that_fails_to_commit_publishes_nothing()
    {
        await WithDb(async db =>
        {
            db.Received.Add(new ReceivedEntry { EntryNo = 900, Aggregate = "existing", Times = 1 });
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        // The same key again: the save fails, and with it the event written beside it.
        var failed = await WithDb(async db =>
        {
            db.Received.Add(new ReceivedEntry { EntryNo = 900, Aggregate = "duplicate", Times = 1 });
            db.AddToOutbox(new Parcel(901), "parcels");
            try { await db.SaveChangesAsync(TestContext.Current.CancellationToken); return false; }
            catch (DbUpdateException) { return true; }
        });
        await WithDb(async db =>
        {
            db.AddToOutbox(new Parcel(902), "parcels");
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        Assert.True(failed);
        Assert.True(await EventuallyAsync(db => db.Received.AnyAsync(r => r.EntryNo == 902)));
        // The consumer may see 902 before the dispatcher has deleted its row: wait for the outbox to empty.
        Assert.True(await EventuallyAsync(async db => !await db.Set<OutboxMessage>().AnyAsync()));
        Assert.False(await WithDb(db => db.Received.AnyAsync(r => r.EntryNo == 901)));
    }

    [Fact]
    public async Task Copies_of_one_message_are_processed_once_on_sqlite_too()
    {
        var bus = _host.Services.GetRequiredService<MassTransit.IBus>();
        var id = Guid.NewGuid();

        for (var i = 0; i < 3; i++)
            await bus.Publish(new Parcel(700), MassTransit.Pipe.Execute<MassTransit.PublishContext>(c => c.MessageId = id), TestContext.Current.CancellationToken);
        await bus.Publish(new Parcel(701), TestContext.Current.CancellationToken);

        Assert.True(await EventuallyAsync(db => db.Received.AnyAsync(r => r.EntryNo == 701)));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(1, await WithDb(db => db.Received.Where(r => r.EntryNo == 700).Select(r => r.Times).SingleAsync()));
        Assert.Equal(1, await WithDb(db => db.Set<Governance.Messaging.Inbox.InboxMessage>().CountAsync(m => m.MessageId == id)));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
