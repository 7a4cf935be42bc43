using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.ServiceDefaults.Data;

/// <summary>
/// Schema steps. PostgreSQL schemas change only through EF migrations applied by the host's explicit
/// <c>migrate</c> command (a Kubernetes job runs it once per release), never by every replica at
/// start-up. SQLite files (standalone) are created by the host itself.
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
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await db.Database.MigrateAsync(cancellationToken);
                LogMigrated(logger, database.Name, pending.Count);
            }
            else
            {
                await CreateSqliteAsync(db, database.Name, logger, cancellationToken);
            }
        }
    }

    /// <summary>
    /// At start-up: creates SQLite schemas; for PostgreSQL only warns when migrations are pending
    /// (the readiness check still passes, so a rolling update is not blocked by a slow job).
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
                continue;
            }
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0) LogPending(logger, database.Name, pending.Count, string.Join(", ", pending));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogUnreachable(logger, database.Name);
            }
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Name} could not be reached at start-up; readiness will report it")]
    private static partial void LogUnreachable(ILogger logger, string name);
}
