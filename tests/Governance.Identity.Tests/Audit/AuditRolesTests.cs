using Governance.ServiceDefaults.Data;
using Governance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Governance.Identity.Tests.Audit;

/// <summary>
/// Identity's database as the cluster runs it (ADR 0011): migrated by the owner role, its schema
/// granted to a runtime role that owns nothing. One database for the class, migrated twice, as a
/// job that runs again at the next release does.
/// </summary>
public sealed class RolesDatabase : IAsyncLifetime
{
    public TestPostgres Postgres { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Postgres = await TestPostgres.CreateWithRolesAsync();
        for (var run = 0; run < 2; run++) await MigrateAsync();
        await Runtime("""INSERT INTO audit_entries ("At", "Actor", "Action", "Detail") VALUES (now(), 'test', 'sign-in.succeeded', 'the line nobody may change')""");
    }

    public async Task MigrateAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:identity"] = Postgres.RuntimeConnectionString,
            ["ConnectionStrings:identity-owner"] = Postgres.OwnerConnectionString,
            ["Identity:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        });
        builder.AddIdentityService();
        await using var app = builder.Build();
        await SchemaCommands.MigrateAllAsync(app.Services, TestContext.Current.CancellationToken);
    }

    public Task<object?> Runtime(string sql) => ExecuteAsync(Postgres.RuntimeConnectionString, sql);

    public Task<object?> Owner(string sql) => ExecuteAsync(Postgres.OwnerConnectionString, sql);

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Postgres.DisposeAsync();
}

public sealed class AuditRolesTests(RolesDatabase db) : IClassFixture<RolesDatabase>
{
    private const string InsufficientPrivilege = "42501";

    [Theory]
    [InlineData("""UPDATE audit_entries SET "Detail" = 'rewritten'""", "permission denied for table audit_entries")]
    [InlineData("DELETE FROM audit_entries", "permission denied for table audit_entries")]
    [InlineData("TRUNCATE audit_entries", "permission denied for table audit_entries")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only", "must be owner of table audit_entries")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER ALL", "must be owner of table audit_entries")]
    [InlineData("DROP TRIGGER audit_entries_append_only ON audit_entries", "must be owner of relation audit_entries")]
    [InlineData("DROP TABLE audit_entries", "must be owner of table audit_entries")]
    [InlineData("ALTER TABLE audit_entries RENAME TO audit_entries_old", "must be owner of table audit_entries")]
    public async Task The_runtime_role_can_neither_change_nor_remove_the_audit_trail_nor_its_guard(string statement, string refusal)
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Runtime(statement));

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
        Assert.Equal(refusal, refused.MessageText);
        Assert.Equal("the line nobody may change", await db.Runtime("""SELECT "Detail" FROM audit_entries WHERE "Actor" = 'test'"""));
        Assert.Equal(2L, await db.Runtime("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_entries'::regclass AND tgenabled = 'O' AND NOT tgisinternal"));
    }

    [Fact]
    public async Task The_runtime_role_adds_and_reads_audit_lines()
    {
        var id = await db.Runtime("""INSERT INTO audit_entries ("At", "Actor", "Action") VALUES (now(), 'runtime', 'user.created') RETURNING "Id" """);

        Assert.Equal("user.created", await db.Runtime($"""SELECT "Action" FROM audit_entries WHERE "Id" = {id}"""));
    }

    [Fact]
    public async Task The_runtime_role_reads_and_writes_every_other_table_of_the_model()
    {
        // Each statement touches no row but passes (or fails) the same privilege check as one that does.
        var tables = await db.Owner("""
            SELECT string_agg(format('%I|%I', table_name, (SELECT column_name FROM information_schema.columns c
                                                         WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name ORDER BY ordinal_position LIMIT 1)), ',')
              FROM information_schema.tables t
             WHERE table_schema = 'public' AND table_name NOT IN ('audit_entries', '__EFMigrationsHistory')
            """) as string;
        var checkedTables = 0;
        foreach (var pair in tables!.Split(','))
        {
            var (table, column) = (pair.Split('|')[0], pair.Split('|')[1]);
            await db.Runtime($"INSERT INTO {table} SELECT * FROM {table} WHERE false");
            await db.Runtime($"UPDATE {table} SET {column} = {column} WHERE false");
            await db.Runtime($"DELETE FROM {table} WHERE false");
            checkedTables++;
        }
        Assert.True(checkedTables >= 8, $"only {checkedTables} tables were found");
    }

    [Fact]
    public async Task The_runtime_role_owns_nothing_and_only_reads_the_migration_history()
    {
        Assert.Equal(0L, await db.Owner($"""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = '{TestPostgres.RuntimeRole}') AND n.nspname = 'public'
            """));
        Assert.True((long)(await db.Runtime("""SELECT count(*) FROM "__EFMigrationsHistory" """))! > 0);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Runtime("""DELETE FROM "__EFMigrationsHistory" """));
        Assert.Equal(InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task Even_the_owner_is_refused_a_change_by_the_trigger()
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Owner("""UPDATE audit_entries SET "Detail" = 'rewritten'"""));

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
        Assert.Equal("audit_entries is append-only: UPDATE refused", refused.MessageText);
    }

    [Fact]
    public async Task Migrating_again_keeps_the_runtime_role_to_insert_and_select_on_the_audit_trail()
    {
        await db.MigrateAsync();

        Assert.Equal("INSERT, SELECT", await db.Owner($"""
            SELECT string_agg(privilege_type, ', ' ORDER BY privilege_type) FROM information_schema.role_table_grants
             WHERE grantee = '{TestPostgres.RuntimeRole}' AND table_name = 'audit_entries'
            """));
    }
}
