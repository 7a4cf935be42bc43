using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Governance.Messaging.Outbox;

/// <summary>
/// Lets one replica at a time dispatch a PostgreSQL outbox: a transaction-scoped advisory lock,
/// released by the round's commit or by the connection's end if the replica dies.
/// </summary>
internal static class OutboxLock
{
    // Any fixed number: each service has its own database, so the key need only be unique within it.
    private const long Key = 0x476F764F7574626F; // "GovOutbo"

    /// <summary>
    /// A plain command on the round's connection and transaction: EF's <c>SqlQuery</c> compiled a delegate on every
    /// execution of this one-value query (seen in video-alert's intake profile, where a round runs after every batch).
    /// </summary>
    public static async Task<bool> TryTakeAsync(DbContext db, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT pg_try_advisory_xact_lock({Key})";
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
