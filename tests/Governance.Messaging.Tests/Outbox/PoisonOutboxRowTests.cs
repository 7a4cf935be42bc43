using Governance.Messaging.Bus;
using Governance.Messaging.Outbox;
using Governance.Messaging.Tests.Support;
using Governance.ServiceDefaults.Data;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Messaging.Tests.Outbox;

/// <summary>
/// Outbox rows that cannot be read back (a type name no assembly has, broken JSON), on PostgreSQL and
/// on SQLite, with the in-memory bus: the dispatcher and its database are what is under test.
/// </summary>
public sealed class PoisonOutboxRowTests
{
    public static TheoryData<string> Engines => ["postgres", "sqlite"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Unreadable_rows_hold_up_no_other_aggregate_and_their_own_aggregate_waits(string engine)
    {
        // So many attempts that the poison rows stay for the whole test.
        await using var host = await OutboxHost.StartAsync(engine, maxAttempts: 1_000_000);
        await host.WriteAsync(db =>
        {
            db.Set<OutboxMessage>().Add(Unknown("poisoned"));
            db.AddToOutbox(new Parcel(2), "poisoned"); // behind the poison row, same aggregate
            db.Set<OutboxMessage>().Add(BrokenJson("also-poisoned"));
            for (var no = 10; no < 40; no++) db.AddToOutbox(new Parcel(no), "healthy-" + no % 3);
        });

        Assert.True(await host.EventuallyAsync(async db => await db.Received.CountAsync(r => r.EntryNo >= 10) == 30),
            "rows of other aggregates waited behind the unreadable ones");
        Assert.True(await host.EventuallyAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.AggregateKey == "poisoned" && m.Attempts >= 2)),
            "the unreadable row was not tried again");
        Assert.False(await host.QueryAsync(db => db.Received.AnyAsync(r => r.EntryNo == 2)),
            "a row overtook the earlier row of its aggregate that was still being tried");
        Assert.Empty(await host.QueryAsync(db => db.Set<OutboxDeadLetter>().ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Unreadable_rows_move_to_the_dead_letter_table_after_the_attempts_and_their_aggregate_goes_on(string engine)
    {
        await using var host = await OutboxHost.StartAsync(engine, maxAttempts: 3);
        var unknown = Unknown("poisoned");
        var broken = BrokenJson("poisoned");
        await host.WriteAsync(db =>
        {
            db.AddToOutbox(new Parcel(1), "poisoned");
            db.Set<OutboxMessage>().Add(unknown);
            db.Set<OutboxMessage>().Add(broken);
            db.AddToOutbox(new Parcel(2), "poisoned");
        });

        Assert.True(await host.EventuallyAsync(db => db.Received.AnyAsync(r => r.EntryNo == 2)),
            "the aggregate did not go on after its unreadable rows were dead-lettered");
        Assert.True(await host.EventuallyAsync(async db => !await db.Set<OutboxMessage>().AnyAsync()));
        var dead = await host.QueryAsync(db => db.Set<OutboxDeadLetter>().OrderBy(d => d.Sequence).ToListAsync());
        Assert.Equal(2, dead.Count);
        Assert.All(dead, d => Assert.Equal(3, d.Attempts));
        Assert.All(dead, d => Assert.Equal("poisoned", d.AggregateKey));
        Assert.Equal((unknown.MessageId, unknown.MessageType, unknown.Body), (dead[0].MessageId, dead[0].MessageType, dead[0].Body));
        Assert.Contains("No.Such.Event, No.Such.Assembly", dead[0].Error);
        Assert.Equal((broken.MessageId, broken.Body), (dead[1].MessageId, dead[1].Body));
        Assert.StartsWith("JsonException", dead[1].Error);
        Assert.Equal([1L, 2L], await host.QueryAsync(db => db.Received.OrderBy(r => r.EntryNo).Select(r => r.EntryNo).ToListAsync()));
    }

    private static OutboxMessage Unknown(string aggregate) => new()
    {
        MessageId = Guid.CreateVersion7(),
        MessageType = "No.Such.Event, No.Such.Assembly",
        Body = "{}",
        AggregateKey = aggregate,
        CreatedAt = DateTime.UtcNow,
    };

    private static OutboxMessage BrokenJson(string aggregate) => new()
    {
        MessageId = Guid.CreateVersion7(),
        MessageType = $"{typeof(Parcel).FullName}, {typeof(Parcel).Assembly.GetName().Name}",
        Body = """{"no": 3, "poisoned": """,
        AggregateKey = aggregate,
        CreatedAt = DateTime.UtcNow,
    };

    /// <summary>A host with the outbox of a <see cref="ReceiverDb"/> and its consumer, on the in-memory bus.</summary>
    private sealed class OutboxHost : IAsyncDisposable
    {
        private readonly IHost _host;
        private readonly TestPostgres? _postgres;
        private readonly string? _directory;

        private OutboxHost(IHost host, TestPostgres? postgres, string? directory) => (_host, _postgres, _directory) = (host, postgres, directory);

        public static async Task<OutboxHost> StartAsync(string engine, int maxAttempts)
        {
            var postgres = engine == "postgres" ? await TestPostgres.CreateAsync() : null;
            var directory = postgres is null ? Directory.CreateTempSubdirectory("governance-poison-").FullName : null;
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:receiver"] = postgres?.ConnectionString,
                ["Database:Directory"] = directory,
                ["Messaging:Outbox:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Critical);
            builder.AddServiceDatabase<ReceiverDb>("receiver");
            builder.AddOutbox<ReceiverDb>();
            builder.AddConsumers(bus => bus.AddConsumer<ParcelConsumer>());
            builder.AddMessaging();
            var host = builder.Build();
            await using (var scope = host.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<ReceiverDb>().Database.EnsureCreatedAsync();
            await host.StartAsync(TestContext.Current.CancellationToken);
            return new OutboxHost(host, postgres, directory);
        }

        public Task WriteAsync(Action<ReceiverDb> write) => QueryAsync(db =>
        {
            write(db);
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        public async Task<T> QueryAsync<T>(Func<ReceiverDb, Task<T>> query)
        {
            await using var scope = _host.Services.CreateAsyncScope();
            return await query(scope.ServiceProvider.GetRequiredService<ReceiverDb>());
        }

        public async Task<bool> EventuallyAsync(Func<ReceiverDb, Task<bool>> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                if (await QueryAsync(condition)) return true;
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
            return await QueryAsync(condition);
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync();
            _host.Dispose();
            if (_postgres is not null) await _postgres.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_directory is not null) try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
    }
}
