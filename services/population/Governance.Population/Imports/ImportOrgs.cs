using Governance.Messaging.OrgPaths;
using Governance.Population.Data;
using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Imports;

/// <summary>
/// An import's rows were checked against the org tree as it was then; the store's transaction holds org moves off
/// (<see cref="OrgMoves.HoldOffMovesAsync"/>) and checks every org of the file again, so a move committed since
/// fails the job (nothing stored), and one arriving now waits for the commit and then moves the imported records.
/// </summary>
public static class ImportOrgs
{
    public sealed class MovedMeanwhile(string path) : Exception($"The org {path} moved while the file was imported.");

    public static readonly DomainMessage MovedMeanwhileReason = "An org of the file moved while the file was imported: upload it again with the current org paths.";

    /// <exception cref="MovedMeanwhile">An org of <paramref name="orgs"/> was moved away.</exception>
    public static async Task HoldAsync(PopulationDb db, IEnumerable<string> orgs, CancellationToken ct)
    {
        await OrgMoves.HoldOffMovesAsync(db, ct);
        foreach (var org in orgs.Distinct(StringComparer.Ordinal))
            if (await OrgMoves.MovedAwayAsync(db, org, ct) is not null) throw new MovedMeanwhile(org);
    }
}
