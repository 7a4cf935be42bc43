using Governance.ServiceDefaults.Problems;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Governance.ServiceDefaults.Data;

/// <summary>
/// Saving where another request may have got there first: a unique index or a concurrency token
/// decides, and the loser gets a refusal that says so instead of a 500. Only those two failures are
/// caught; a broken connection or any other constraint still fails loudly.
/// </summary>
public static class SaveOrConflict
{
    private const int SqliteConstraint = 19, SqliteConstraintUnique = 2067, SqliteConstraintPrimaryKey = 1555;

    /// <summary>True when <paramref name="exception"/> is a unique-index violation, on PostgreSQL or SQLite.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        _ => false,
    };

    /// <summary>
    /// Saves <paramref name="db"/>'s changes; a unique violation throws what <paramref name="duplicate"/>
    /// makes, and a concurrency-token conflict what <paramref name="changedMeanwhile"/> makes (or, without
    /// one, the same as a duplicate).
    /// </summary>
    /// <param name="db">The context to save.</param>
    /// <param name="duplicate">The refusal when a unique index caught a record created at the same moment.</param>
    /// <param name="changedMeanwhile">The refusal when a record changed since it was read.</param>
    /// <param name="ct">Cancels the save.</param>
    public static async Task SaveOrConflictAsync(this DbContext db, Func<DomainException> duplicate,
        Func<DomainException>? changedMeanwhile = null, CancellationToken ct = default)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw (changedMeanwhile ?? duplicate)();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw duplicate();
        }
    }
}
