using System.Net;
using System.Text.Json;
using Governance.ServiceDefaults.Data;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.ServiceDefaults.Tests.Defaults;

public sealed class DatabaseTests
{
    private static Task<DefaultsHost> StartWithNotesAsync(string? postgres) => DefaultsHost.StartAsync(
        configure: builder => builder.AddServiceDatabase<NotesDb>("notes"),
        settings: postgres is null ? null : new Dictionary<string, string?> { ["ConnectionStrings:notes"] = postgres });

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(DefaultsHost host)
    {
        var response = await host.Client().GetAsync("/health/ready", TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_a_connection_string_the_database_is_a_sqlite_file_created_at_start()
    {
        await using var host = await StartWithNotesAsync(postgres: null);
        await SchemaCommands.PrepareAtStartAsync(host.Services, TestContext.Current.CancellationToken);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
        db.Notes.Add(new Note { Text = "网格巡查" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
        Assert.Equal("网格巡查", (await db.Notes.SingleAsync(TestContext.Current.CancellationToken)).Text);
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(host)).Status);
    }

    [Fact]
    public async Task Postgres_schema_is_applied_by_migrate_and_never_at_start()
    {
        await using var pg = await TestPostgres.CreateAsync();
        await using var host = await StartWithNotesAsync(pg.ConnectionString);

        await SchemaCommands.PrepareAtStartAsync(host.Services, TestContext.Current.CancellationToken);
        Assert.False(await pg.TableExistsAsync("\"Notes\""));

        await SchemaCommands.MigrateAllAsync(host.Services, TestContext.Current.CancellationToken);
        Assert.True(await pg.TableExistsAsync("\"Notes\""));
        Assert.True(await pg.TableExistsAsync("\"__EFMigrationsHistory\""));

        var (status, body) = await ReadyAsync(host);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("database:notes").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Postgres_statements_run_often_are_prepared_on_their_connection_and_kept_across_the_pool()
    {
        await using var pg = await TestPostgres.CreateAsync();
        // A pool of one physical connection, so every open below gets the same one back: the pool hands out idle
        // connections in turn, and statements counted on several would each stay under the five uses that prepare.
        await using var host = await StartWithNotesAsync(pg.ConnectionString + ";Maximum Pool Size=1");
        await SchemaCommands.MigrateAllAsync(host.Services, TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;

        // Each query opens and closes the connection as EF does, returning it to the pool between.
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
        for (var i = 0; i < 6; i++)
            await db.Notes.Where(n => n.Text == "网格巡查").CountAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var count = db.Database.GetDbConnection().CreateCommand();
        count.CommandText = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM \"Notes\"%'";

        Assert.Equal(1L, await count.ExecuteScalarAsync(ct));
    }

    [Theory]
    [InlineData("Host=pg;Database=grid;Max Auto Prepare=0", "Host=pg;Database=grid;Max Auto Prepare=0")]
    [InlineData("Host=pg;Database=grid;maxautoprepare=20", "Host=pg;Database=grid;maxautoprepare=20")]
    [InlineData("Host=pg;Database=grid", "Host=pg;Database=grid;Max Auto Prepare=100")]
    public void An_operators_own_auto_prepare_setting_is_kept(string configured, string used) =>
        Assert.Equal(used, ServiceDatabaseExtensions.WithAutoPrepare(configured));

    [Fact]
    public async Task Unreachable_database_makes_the_host_unready_without_leaking_the_connection_string()
    {
        await using var host = await StartWithNotesAsync("Host=127.0.0.1;Port=1;Database=x;Username=u;Password=hunter2;Timeout=2");

        var (status, body) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("database:notes", body);
        Assert.DoesNotContain("hunter2", body);
        Assert.DoesNotContain("Port=1", body);
    }

    [Fact]
    public async Task Liveness_does_not_depend_on_the_database()
    {
        await using var host = await StartWithNotesAsync("Host=127.0.0.1;Port=1;Database=x;Username=u;Password=p;Timeout=2");

        var response = await host.Client().GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
