using Governance.Grid.Data;
using Governance.ServiceDefaults.Data;

namespace Governance.Grid.Incidents;

/// <summary>The running number of a day's incidents: <c>20261123-000042</c> is that day's 42nd.</summary>
public sealed class IncidentCounter
{
    public required string Day { get; init; }
    public int Last { get; set; }

    /// <summary>
    /// The next number for <paramref name="now"/>'s day, committed on its own so a busy day's reports
    /// do not queue on one row. A report that then fails leaves a gap, as paper registers do.
    /// </summary>
    public static Task<string> NextAsync(GridDb db, DateTime now, CancellationToken ct) =>
        DailyNumbers.NextAsync(db, "incident_counters", now, prefix: "", ct);
}
