using Governance.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Incidents;

/// <summary>The running number of a day's incidents: <c>20261123-000042</c> is that day's 42nd.</summary>
public sealed class IncidentCounter
{
    public required string Day { get; init; }
    public int Last { get; set; }

    /// <summary>
    /// The next number for <paramref name="now"/>'s day: one upsert, the same SQL on PostgreSQL and
    /// SQLite, committed on its own so a busy day's reports do not queue on one row. A report that
    /// then fails leaves a gap, as paper registers do.
    /// </summary>
    public static async Task<string> NextAsync(GridDb db, DateTime now, CancellationToken ct)
    {
        var day = now.ToString("yyyyMMdd");
        var next = await db.Database.SqlQuery<int>(
            $"""INSERT INTO incident_counters ("Day", "Last") VALUES ({day}, 1) ON CONFLICT ("Day") DO UPDATE SET "Last" = incident_counters."Last" + 1 RETURNING "Last" AS "Value" """)
            .ToListAsync(ct);
        return $"{day}-{next[0]:D6}";
    }
}
