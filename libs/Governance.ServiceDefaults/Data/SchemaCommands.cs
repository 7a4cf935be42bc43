using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Governance.ServiceDefaults.Data;

/// <summary>
/// Schema steps. PostgreSQL schemas change only through EF migrations applied by the host's explicit
/// <c>migrate</c> command (a Kubernetes job runs it once per release), never by every replica at
/// start-up. With <c>ConnectionStrings:&lt;name&gt;-owner</c> the migrations run as that owner role,
/// which then grants the service's runtime role what it needs and no more (<see cref="DatabaseRoles"/>,
/// ADR 0011); without it, one role does both, as in a single-user development setup. SQLite files
/// (standalone) are created by the host itself.
/// </summary>
public static partial class SchemaCommands
{
    /// <summary>Applies pending migrations (PostgreSQL) or creates the schema (SQLite) of every database.</summary>
    public static async Task MigrateAllAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchemaCommands));
        foreach (var database in services.GetServices<ServiceDatabase>())
        {
            await using var scope = services.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                await CreateSqliteAsync(db, database.Name, logger, cancellationToken);
            }
            else if (database.CreateOwnerContext is { } createOwner)
            {
                await using var owner = createOwner();
                await MigrateAsOwnerAsync(owner, database.Name, database.RuntimeRole!, logger, cancellationToken);
            }
            else
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await db.Database.MigrateAsync(cancellationToken);
                LogMigrated(logger, database.Name, pending.Count);
                LogOneRole(logger, database.Name, DatabaseRoles.OwnerConnectionName(database.Name));
            }
        }
    }

    /// <summary>
    /// At start-up: creates SQLite schemas; for PostgreSQL only warns when migrations are pending
    /// (the readiness check still passes, so a rolling update is not blocked by a slow job), and when
    /// the service's own role could alter its tables (nobody separated the owner and runtime roles).
    /// </summary>
    public static async Task PrepareAtStartAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchemaCommands));
        foreach (var database in services.GetServices<ServiceDatabase>())
        {
            await using var scope = services.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                await CreateSqliteAsync(db, database.Name, logger, cancellationToken);
                var appendOnly = DatabaseRoles.TablesOf(db, "main").Where(t => t.IsAppendOnly).Select(t => t.Name).ToList();
                if (appendOnly.Count > 0) LogSqliteAppendOnly(logger, database.Name, string.Join(", ", appendOnly));
                continue;
            }
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0) LogPending(logger, database.Name, pending.Count, string.Join(", ", pending));
                if (await DatabaseRoles.CanAlterTablesAsync(db, cancellationToken))
                    LogServingAsOwner(logger, database.Name, DatabaseRoles.OwnerConnectionName(database.Name));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogUnreachable(logger, database.Name);
            }
        }
    }

    /// <summary>
    /// Checks that the runtime role is really separate, migrates as the owner, then grants the runtime
    /// role. Migrations and grants are both idempotent: a job that failed between them is simply run again.
    /// </summary>
    private static async Task MigrateAsOwnerAsync(DbContext owner, string name, string runtimeRole, ILogger logger, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(owner.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        var tables = DatabaseRoles.TablesOf(owner, await DatabaseRoles.CurrentSchemaAsync(connection, ct));
        await DatabaseRoles.EnsureSeparateAsync(connection, name, runtimeRole, tables.Select(t => t.Schema), ct);

        var pending = (await owner.Database.GetPendingMigrationsAsync(ct)).ToList();
        await owner.Database.MigrateAsync(ct);
        LogMigrated(logger, name, pending.Count);

        await DatabaseRoles.GrantRuntimeAsync(connection, runtimeRole, tables, ct);
        LogGranted(logger, name, runtimeRole, connection.UserName!, tables.Count(t => !t.IsHistory),
            string.Join(", ", tables.Where(t => t.IsAppendOnly).Select(t => t.Name)));
    }

    private static async Task CreateSqliteAsync(DbContext db, string name, ILogger logger, CancellationToken cancellationToken)
    {
        await SqliteSchema.EnsureAsync(db, name, logger, cancellationToken);
        // WAL is a property of the file: set once, it lets readers run while the outbox writes.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Name}: applied {Count} migration(s)")]
    private static partial void LogMigrated(ILogger logger, string name, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Name} has {Count} pending migration(s): {Migrations}; run the host's 'migrate' command")]
    private static partial void LogPending(ILogger logger, string name, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Name}: the runtime role {Runtime} may read and write the {Count} table(s) of {Owner}, and only insert into and read the append-only ones ({AppendOnly})")]
    private static partial void LogGranted(ILogger logger, string name, string runtime, string owner, int count, string appendOnly);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Name}: no ConnectionStrings:{OwnerConnection}, so the migrations ran as the service's own role, which owns the tables and could alter or drop even the append-only ones (a single-user setup; ADR 0011)")]
    private static partial void LogOneRole(ILogger logger, string name, string ownerConnection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Name}: a SQLite file has no roles, so its append-only tables ({AppendOnly}) are kept so by the service's code alone (ADR 0011)")]
    private static partial void LogSqliteAppendOnly(ILogger logger, string name, string appendOnly);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Name}: the service's role owns its tables (or is a superuser), so it could alter or drop even the append-only ones; migrate with ConnectionStrings:{OwnerConnection} and serve as a role that owns nothing (ADR 0011)")]
    private static partial void LogServingAsOwner(ILogger logger, string name, string ownerConnection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Name} could not be reached at start-up; readiness will report it")]
    private static partial void LogUnreachable(ILogger logger, string name);
}
