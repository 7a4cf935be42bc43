using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.Messaging.OrgPaths;
using Governance.ServiceDefaults.Problems;

namespace Governance.Mediation.Org;

/// <summary>
/// Every mediation column that holds an org path, and so follows a node when it moves (issue 12:
/// records follow their org). Levels, referrals and work records reach their case, and mediators their
/// body, by id: they follow with them. A new column holding a path belongs here.
/// </summary>
public static class MediationOrgPaths
{
    public static readonly IReadOnlyList<IOrgPathColumn> Columns =
    [
        new OrgPathColumn<DisputeCase>(c => c.OrgPath, c => c.Version),
        new OrgPathColumn<DisputeCase>(c => c.ResponsibleOrgPath, c => c.Version),
        // At a level above the moved node (the street): the responsibility goes to the same level of the new chain.
        new ResponsibleOrgPathColumn<DisputeCase>(c => c.OrgPath, c => c.ResponsibleOrgPath, c => c.Version),
        new OrgPathColumn<MediationBody>(b => b.OrgPath),
    ];

    /// <summary>
    /// Refuses a path a move took away (a caller's system that still holds the old code): a record put
    /// there would sit outside every current subtree but the old parent's.
    /// </summary>
    public static async Task EnsureCurrentAsync(MediationDb db, string path, string field, CancellationToken ct)
    {
        if (await OrgMoves.MovedAwayAsync(db, path, ct) is { } move)
            throw DomainException.Invalid(field,
                $"The org {move.OldPath} moved to {move.NewPath}: use its current path.");
    }
}
