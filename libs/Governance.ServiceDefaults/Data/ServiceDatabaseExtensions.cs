using System.Data.Common;
using Governance.ServiceDefaults.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Governance.ServiceDefaults.Data;

/// <summary>
/// One database per service: PostgreSQL when a connection string names it, a SQLite file otherwise.
/// On PostgreSQL a second connection, <c>&lt;name&gt;-owner</c>, may name the role that owns the
/// schema: only the <c>migrate</c> command uses it (ADR 0011), and serving pods are never given it.
/// JSON shape:
/// <code>
/// "ConnectionStrings": { "grid": "Host=pg;Database=grid;Username=grid_app;Password=...",
///                        "grid-owner": "Host=pg;Database=grid;Username=grid_owner;Password=..." },
/// "Database": { "Directory": "./data" }
/// </code>
/// </summary>
public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the engine chosen for <paramref name="name"/>, a
    /// "ready" health check for it, and its schema step (see <see cref="SchemaCommands"/>). Every
    /// <see cref="IInterceptor"/> in the container (the outbox's, for one) is added to the context.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string name)
        where TContext : DbContext
    {
        var (provider, connectionString) = Resolve(builder.Configuration, builder.Environment.ContentRootPath, name);
        var owner = builder.Configuration.GetConnectionString(DatabaseRoles.OwnerConnectionName(name));
        var database = new ServiceDatabase(name, typeof(TContext), provider);
        if (!string.IsNullOrWhiteSpace(owner))
        {
            if (provider != DatabaseProvider.PostgreSql)
                throw new InvalidOperationException(
                    $"ConnectionStrings:{DatabaseRoles.OwnerConnectionName(name)} is set but ConnectionStrings:{name} is not: the owner connection migrates a PostgreSQL database that the service reaches through ConnectionStrings:{name}, whose user is the runtime role.");
            database = database with
            {
                RuntimeRole = DatabaseRoles.UserOf(connectionString, name),
                CreateOwnerContext = () => (DbContext)Activator.CreateInstance(typeof(TContext),
                    Use(new DbContextOptionsBuilder<TContext>(), provider, owner).Options)!,
            };
        }
        builder.Services.AddSingleton(database);
        // Pooled: a context per message or request is the hot path of every consumer and endpoint, and
        // building options and services for each one cost more than the work itself (bench/).
        builder.Services.AddDbContextPool<TContext>((services, options) =>
            Use(options, provider, connectionString).AddInterceptors(services.GetServices<IInterceptor>()));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>(
            "database:" + name, tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    private static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        (provider == DatabaseProvider.PostgreSql
            ? options.UseNpgsql(WithAutoPrepare(connectionString), npgsql => npgsql.EnableRetryOnFailure(3))
            : options.UseSqlite(connectionString))
        // EF logs every failed save and command as an error with its stack before the caller sees it. The services
        // expect some (a unique index refusing a resent alarm, a duplicate or the loser of a race, which they answer
        // as such) and let the others propagate, where the host logs them once: EF's own lines are debug detail.
        .ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug)));

    /// <summary>Statements Npgsql keeps prepared on each pooled connection, unless the connection string says otherwise.</summary>
    public const int AutoPrepared = 100;

    /// <summary>
    /// Turns on Npgsql's automatic preparation (<c>Max Auto Prepare</c>) when the connection string leaves it unset: a
    /// statement run five times on a physical connection is prepared there and kept across the pool's reopenings, so
    /// PostgreSQL parses and plans it once per connection. Unprepared, every EF query and save is sent as an unnamed
    /// statement, parsed and planned again on every call: video-alert's alarm → incident path spent about 9 ms of
    /// PostgreSQL's CPU an alarm, most of it in grid's fifteen statements of <c>ReportIncident</c>. An operator behind a
    /// pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21) sets
    /// <c>Max Auto Prepare=0</c>.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // The generic builder holds only the keys written (Npgsql's knows every key, set or not).
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPrepared }.ConnectionString;
    }

    /// <summary>Chooses the engine and connection string for the database <paramref name="name"/>.</summary>
    public static (DatabaseProvider Provider, string ConnectionString) Resolve(IConfiguration configuration, string contentRoot, string name)
    {
        var configured = configuration.GetConnectionString(name);
        if (!string.IsNullOrWhiteSpace(configured))
            return (DatabaseProvider.PostgreSql, configured);

        var directory = Path.GetFullPath(configuration["Database:Directory"] ?? "data", contentRoot);
        Directory.CreateDirectory(directory);
        // Shared cache off, pooling on: each context gets its own connection; WAL (set at creation)
        // lets readers run beside the one writer.
        return (DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, name + ".db")};Pooling=True");
    }
}
