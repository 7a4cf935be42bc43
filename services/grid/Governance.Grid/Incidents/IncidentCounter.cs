using Governance.Grid.Data;
using Governance.ServiceDefaults.Data;

namespace Governance.Grid.Incidents;

/// <summary>The running number of a day's incidents: <c>20261123-000042</c> is that day's 42nd.</summary>
public sealed class IncidentCounter
{
    public required string Day { get; init; }
    public int Last { get; set; }

    /// <summary>
    /// The next number for <paramref name="now"/>'s day, taken inside the report's insert transaction, just before
    /// the insert: a report that fails there (the loser of two attempts with one request id, a permission refused
    /// after an org move) rolls its number back, so the register runs without gaps. The price is that the day's row
    /// stays locked from this upsert to the commit (the insert's one round trip and the commit), so a day's reports
    /// take their numbers one after the other for that long.
    /// </summary>
    public static Task<string> NextAsync(GridDb db, DateTime now, CancellationToken ct) =>
        DailyNumbers.NextAsync(db, "incident_counters", now, prefix: "", ct);
}
