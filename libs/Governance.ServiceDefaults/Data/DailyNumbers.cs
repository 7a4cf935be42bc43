using Microsoft.EntityFrameworkCore;

namespace Governance.ServiceDefaults.Data;

/// <summary>
/// Record numbers that run per day, as registers do (<c>20261123-000042</c> is that day's 42nd), kept in
/// a table of (<c>"Day"</c> text key, <c>"Last"</c> int) rows that the service maps.
/// </summary>
public static class DailyNumbers
{
    /// <summary>
    /// The next number of <paramref name="now"/>'s day in <paramref name="table"/>, formatted
    /// <c>{prefix}yyyyMMdd-000001</c>: one upsert, the same SQL on PostgreSQL and SQLite, so that
    /// concurrent callers never get the same number. Inside a caller's transaction it commits or
    /// rolls back with it; on its own it commits at once and a failed record later leaves a gap.
    /// </summary>
    /// <param name="db">The service's context (its connection and transaction).</param>
    /// <param name="table">A constant of the calling service, never input: it is spliced into the SQL.</param>
    /// <param name="now">The record's time; its UTC day picks the counter row.</param>
    /// <param name="prefix">What goes before the day, e.g. <c>TJ</c> for mediation cases.</param>
    /// <param name="ct">Cancels the upsert.</param>
    public static async Task<string> NextAsync(DbContext db, string table, DateTime now, string prefix, CancellationToken ct)
    {
        var day = now.ToString("yyyyMMdd");
#pragma warning disable EF1002 // the table name is the service's constant; the day is a parameter
        var next = await db.Database.SqlQueryRaw<int>(
            $$"""INSERT INTO {{table}} ("Day", "Last") VALUES ({0}, 1) ON CONFLICT ("Day") DO UPDATE SET "Last" = {{table}}."Last" + 1 RETURNING "Last" AS "Value" """, day)
            .ToListAsync(ct);
#pragma warning restore EF1002
        return $"{prefix}{day}-{next[0]:D6}";
    }
}
