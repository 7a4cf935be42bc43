using Npgsql;

namespace Governance.Testing;

/// <summary>
/// A fresh database on the real PostgreSQL the test script started, dropped afterwards. Made with
/// <see cref="CreateWithRolesAsync"/> it is owned by <see cref="OwnerRole"/>, and
/// <see cref="RuntimeConnectionString"/> signs in as <see cref="RuntimeRole"/>, which owns nothing:
/// the two roles of ADR 0011.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    /// <summary>Owns the schema: what the <c>migrate</c> command signs in as.</summary>
    public const string OwnerRole = "governance_test_owner";

    /// <summary>Owns nothing: what the service signs in as.</summary>
    public const string RuntimeRole = "governance_test_runtime";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("GOVERNANCE_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    private TestPostgres(string name) => Name = name;

    public string Name { get; }

    /// <summary>The server's superuser on this database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name }.ConnectionString;

    /// <summary><see cref="OwnerRole"/> on this database (<see cref="CreateWithRolesAsync"/> only).</summary>
    public string OwnerConnectionString => As(OwnerRole);

    /// <summary><see cref="RuntimeRole"/> on this database (<see cref="CreateWithRolesAsync"/> only).</summary>
    public string RuntimeConnectionString => As(RuntimeRole);

    private string As(string role) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name, Username = role, Password = role }.ConnectionString;

    public static async Task<TestPostgres> CreateAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("n")[..16];
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return new TestPostgres(name);
    }

    /// <summary>A fresh database owned by <see cref="OwnerRole"/>; both roles are created if the server lacks them.</summary>
    public static async Task<TestPostgres> CreateWithRolesAsync()
    {
        await EnsureRoleAsync(OwnerRole);
        await EnsureRoleAsync(RuntimeRole);
        var name = "t_" + Guid.NewGuid().ToString("n")[..16];
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\" OWNER {OwnerRole}");
        return new TestPostgres(name);
    }

    // Roles belong to the server, not to a database: test classes running side by side may both
    // create one, so a duplicate (or the unique index catching a simultaneous one) means it exists.
    // The password is the role's name: these roles exist only on the test server.
    private static Task EnsureRoleAsync(string role) => ExecuteOnServerAsync($"""
        DO $$ BEGIN
            CREATE ROLE {role} LOGIN PASSWORD '{role}';
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$
        """);

    public async Task<bool> TableExistsAsync(string table)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass(@t) IS NOT NULL", connection);
        command.Parameters.AddWithValue("t", table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }
}
