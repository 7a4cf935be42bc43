using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging.Outbox;

/// <summary>
/// Lets one replica at a time dispatch a PostgreSQL outbox: a transaction-scoped advisory lock,
/// released by the round's commit or by the connection's end if the replica dies.
/// </summary>
internal static class OutboxLock
{
    // Any fixed number: each service has its own database, so the key need only be unique within it.
    private const long Key = 0x476F764F7574626F; // "GovOutbo"

    public static async Task<bool> TryTakeAsync(DbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({Key}) AS \"Value\"")
            .SingleAsync(cancellationToken);
}
