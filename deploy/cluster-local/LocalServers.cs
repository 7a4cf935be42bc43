using System.Diagnostics;
using Npgsql;

namespace Governance.ClusterLocal;

/// <summary>
/// The PostgreSQL server and the RabbitMQ broker on this machine (scripts/test-servers.sh starts them), as a platform
/// team prepares them for an install (docs/operations.md "Install", step 1): per service a database and its two roles,
/// an owner and a runtime role that owns nothing (ADR 0011); one vhost for the platform.
/// </summary>
public sealed class LocalServers
{
    public string Postgres { get; init; } = Environment.GetEnvironmentVariable("GOVERNANCE_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    public string RabbitMq { get; init; } = Environment.GetEnvironmentVariable("GOVERNANCE_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>A database named <paramref name="database"/>, owned by <c>&lt;database&gt;_owner</c>, with <c>&lt;database&gt;_app</c> beside it.</summary>
    public async Task<(string Runtime, string Owner)> CreateDatabaseAsync(string database, CancellationToken ct)
    {
        var (owner, runtime) = ($"{database}_owner", $"{database}_app");
        var (ownerPassword, runtimePassword) = (Guid.NewGuid().ToString("n"), Guid.NewGuid().ToString("n"));
        await ExecuteAsync(null, ct,
            $"CREATE ROLE {owner} LOGIN PASSWORD '{ownerPassword}'",
            $"CREATE ROLE {runtime} LOGIN PASSWORD '{runtimePassword}'",
            $"CREATE DATABASE {database} OWNER {owner}");
        await ExecuteAsync(database, ct, $"ALTER SCHEMA public OWNER TO {owner}");
        return (As(database, runtime, runtimePassword), As(database, owner, ownerPassword));
    }

    public Task DropDatabaseAsync(string database, CancellationToken ct) => ExecuteAsync(null, ct,
        $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", $"DROP ROLE IF EXISTS {database}_owner", $"DROP ROLE IF EXISTS {database}_app");

    /// <summary>The server's superuser on <paramref name="database"/>: for reading what the services wrote.</summary>
    public string Superuser(string database) => new NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString;

    private string As(string database, string role, string password) =>
        new NpgsqlConnectionStringBuilder(Postgres) { Database = database, Username = role, Password = password }.ConnectionString;

    private async Task ExecuteAsync(string? database, CancellationToken ct, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Database = database ?? "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The broker's address in <paramref name="vhost"/>.</summary>
    public string RabbitMqIn(string vhost) => new UriBuilder(RabbitMq) { Path = "/" + Uri.EscapeDataString(vhost) }.Uri.ToString();

    public async Task CreateVhostAsync(string vhost, CancellationToken ct)
    {
        await RabbitMqCtlAsync(ct, "add_vhost", vhost);
        var user = Uri.UnescapeDataString(new Uri(RabbitMq).UserInfo.Split(':')[0]);
        await RabbitMqCtlAsync(ct, "set_permissions", "-p", vhost, user, ".*", ".*", ".*");
    }

    /// <summary>Deletes the vhost with its exchanges, queues and messages.</summary>
    public Task DeleteVhostAsync(string vhost, CancellationToken ct) => RabbitMqCtlAsync(ct, "delete_vhost", vhost);

    // rabbitmqctl, as the tests' TestRabbitMq calls it: RABBITMQ_NODENAME names a private node when one is used.
    private static async Task RabbitMqCtlAsync(CancellationToken ct, params string[] command)
    {
        string[] node = Environment.GetEnvironmentVariable("RABBITMQ_NODENAME") is { Length: > 0 } name ? ["-n", name] : [];
        var info = new ProcessStartInfo("rabbitmqctl", ["-q", .. node, .. command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("rabbitmqctl did not start");
        var error = process.StandardError.ReadToEndAsync(ct);
        _ = process.StandardOutput.ReadToEndAsync(ct);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(bound.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', command)} exited {process.ExitCode}: {await error}");
    }
}
