using System.Collections.Concurrent;
using Governance.ServiceDefaults.Data;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Governance.ServiceDefaults.Tests.Defaults;

/// <summary>The owner and runtime roles of ADR 0011 on a one-table database.</summary>
public sealed class DatabaseRolesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DefaultsHost> StartAsync(LogCollector logs, string? runtime, string? owner = null) => DefaultsHost.StartAsync(
        configure: builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.AddServiceDatabase<NotesDb>("notes");
        },
        settings: new Dictionary<string, string?> { ["ConnectionStrings:notes"] = runtime, ["ConnectionStrings:notes-owner"] = owner });

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }

    [Fact]
    public async Task With_an_owner_connection_the_owner_migrates_and_the_runtime_role_gets_rows_but_no_table()
    {
        await using var pg = await TestPostgres.CreateWithRolesAsync();
        var logs = new LogCollector();
        await using var host = await StartAsync(logs, pg.RuntimeConnectionString, pg.OwnerConnectionString);

        await SchemaCommands.MigrateAllAsync(host.Services, Ct);
        await SchemaCommands.PrepareAtStartAsync(host.Services, Ct);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
            db.Notes.Add(new Note { Text = "网格巡查" });
            await db.SaveChangesAsync(Ct);
            Assert.Equal(1, await db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.Text, "网格巡查 (改)"), Ct));
            Assert.Equal(1, await db.Notes.ExecuteDeleteAsync(Ct));
        }
        Assert.Equal(TestPostgres.OwnerRole, await ScalarAsync(pg.ConnectionString, """SELECT tableowner FROM pg_tables WHERE tablename = 'Notes'"""));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(pg.RuntimeConnectionString, """DROP TABLE "Notes" """));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains(logs.Lines, l => l.StartsWith($"Information Database notes: the runtime role {TestPostgres.RuntimeRole} may read and write the 1 table(s) of {TestPostgres.OwnerRole}"));
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Warning Database"));
    }

    [Fact]
    public async Task Without_one_migrate_runs_as_the_service_role_says_so_and_a_serving_host_warns_once()
    {
        await using var pg = await TestPostgres.CreateAsync();
        var logs = new LogCollector();
        await using var host = await StartAsync(logs, pg.ConnectionString);

        await SchemaCommands.MigrateAllAsync(host.Services, Ct);
        await SchemaCommands.PrepareAtStartAsync(host.Services, Ct);

        Assert.True(await pg.TableExistsAsync("\"Notes\""));
        Assert.Single(logs.Lines, l => l.StartsWith("Information Database notes: no ConnectionStrings:notes-owner, so the migrations ran as the service's own role"));
        Assert.Single(logs.Lines, l => l.StartsWith("Warning Database notes: the service's role owns its tables (or is a superuser)"));
    }

    [Theory]
    [InlineData("superuser", "is a superuser, which passes every privilege check")]
    [InlineData("same", "sign in as the same role 'governance_test_owner'")]
    [InlineData("missing", "the runtime role 'governance_test_nobody' (the user of ConnectionStrings:notes) does not exist")]
    public async Task Migrate_refuses_a_runtime_role_that_is_not_separate_before_it_changes_anything(string runtime, string refusal)
    {
        await using var pg = await TestPostgres.CreateWithRolesAsync();
        var connection = runtime switch
        {
            "superuser" => pg.ConnectionString,
            "same" => pg.OwnerConnectionString,
            _ => new NpgsqlConnectionStringBuilder(pg.RuntimeConnectionString) { Username = "governance_test_nobody" }.ConnectionString,
        };
        await using var host = await StartAsync(new LogCollector(), connection, pg.OwnerConnectionString);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaCommands.MigrateAllAsync(host.Services, Ct));

        Assert.Contains("Database notes: ", refused.Message);
        Assert.Contains(refusal, refused.Message);
        Assert.False(await pg.TableExistsAsync("\"Notes\""));
    }

    [Fact]
    public async Task Migrate_refuses_a_runtime_role_that_owns_tables_and_says_how_to_hand_them_over()
    {
        await using var pg = await TestPostgres.CreateWithRolesAsync();
        // The single-role set-up this replaces: the service's role created the tables.
        await ScalarAsync(pg.ConnectionString, $"GRANT CREATE ON SCHEMA public TO {TestPostgres.RuntimeRole}");
        await using (var before = await StartAsync(new LogCollector(), pg.RuntimeConnectionString))
            await SchemaCommands.MigrateAllAsync(before.Services, Ct);
        await using var host = await StartAsync(new LogCollector(), pg.RuntimeConnectionString, pg.OwnerConnectionString);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaCommands.MigrateAllAsync(host.Services, Ct));

        Assert.Contains($"the runtime role '{TestPostgres.RuntimeRole}' owns public.Notes, public.Notes_Id_seq, public.__EFMigrationsHistory, so it could alter or drop them", refused.Message);
        Assert.Contains($"REASSIGN OWNED BY \"{TestPostgres.RuntimeRole}\" TO \"{TestPostgres.OwnerRole}\"", refused.Message);
    }

    [Fact]
    public async Task An_owner_connection_without_the_service_connection_fails_the_start_naming_both()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StartAsync(new LogCollector(), runtime: null, owner: "Host=127.0.0.1;Database=notes;Username=notes_owner"));

        Assert.Contains("ConnectionStrings:notes-owner is set but ConnectionStrings:notes is not", refused.Message);
    }

    /// <summary>Every log line of the host, as "Level message".</summary>
    private sealed class LogCollector : ILoggerProvider
    {
        public ConcurrentQueue<string> Queue { get; } = new();

        public IEnumerable<string> Lines => Queue;

        public ILogger CreateLogger(string categoryName) => new Logger(Queue);

        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> queue) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                queue.Enqueue($"{logLevel} {formatter(state, exception)}");
        }
    }
}
