using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Imports;

/// <summary>
/// What the check of an import's rows found, whatever their kind: every rejected row counted, the first
/// <see cref="MaxReported"/> faults kept for the report.
/// </summary>
public sealed class ImportOutcome
{
    public const int MaxReported = 10_000;

    public sealed record Fault(int Row, string Column, DomainMessage Reason);

    public List<Fault> Faults { get; } = [];
    /// <summary>The orgs the rows land in, checked again when they are stored (<see cref="ImportOrgs"/>).</summary>
    public HashSet<string> Orgs { get; } = new(StringComparer.Ordinal);
    public int RowsTotal { get; set; }
    public int RowsRejected { get; set; }

    public void Reject(int row, string column, DomainMessage reason)
    {
        RowsRejected++;
        if (Faults.Count < MaxReported) Faults.Add(new Fault(row, column, reason));
    }
}
