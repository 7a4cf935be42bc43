using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Governance.ServiceDefaults.Data;

/// <summary>
/// SQLite files (the standalone host's) have no migrations: the schema is created from the model.
/// A file created by another version of the model (a column added since) would fail at the first
/// query that touches the difference, long after start-up. So each file records a stamp of the
/// model it was created from; at start a file with another stamp, or none, is moved aside whole
/// (kept beside it, not deleted) and created afresh, which the standalone seeds again.
/// </summary>
internal static partial class SqliteSchema
{
    private const string StampTable = "__schema_stamp";

    public static async Task EnsureAsync(DbContext db, string name, ILogger logger, CancellationToken cancellationToken)
    {
        var stamp = Stamp(db);
        if (!await db.Database.EnsureCreatedAsync(cancellationToken))
        {
            if (await ReadStampAsync(db, cancellationToken) == stamp) return;
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var aside = $"{file}.{DateTime.UtcNow:yyyyMMddHHmmss}.old";
            await db.Database.CloseConnectionAsync();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(file + suffix)) File.Move(file + suffix, aside + suffix);
            LogMovedAside(logger, name, file, aside);
            await db.Database.EnsureCreatedAsync(cancellationToken);
        }
        await db.Database.ExecuteSqlRawAsync($"CREATE TABLE IF NOT EXISTS {StampTable} (stamp TEXT NOT NULL)", cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {StampTable}", cancellationToken);
        await db.Database.ExecuteSqlAsync($"INSERT INTO __schema_stamp (stamp) VALUES ({stamp})", cancellationToken);
    }

    // The create script is the model as SQLite sees it: any change to a table, column or index changes it.
    private static string Stamp(DbContext db) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(db.Database.GenerateCreateScript())));

    private static async Task<string?> ReadStampAsync(DbContext db, CancellationToken cancellationToken)
    {
        var exists = await db.Database.SqlQueryRaw<int>(
            $"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '{StampTable}'").SingleAsync(cancellationToken);
        return exists == 0
            ? null
            : (await db.Database.SqlQueryRaw<string>($"SELECT stamp AS \"Value\" FROM {StampTable}").ToListAsync(cancellationToken)).FirstOrDefault();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Name}: the file {File} was created by another version of the schema; it is kept as {Aside} and a new one is created (SQLite files have no migrations)")]
    private static partial void LogMovedAside(ILogger logger, string name, string file, string aside);
}
