using Governance.Grid.Cells;
using Governance.Grid.Incidents;
using Governance.Grid.Open311;
using Governance.Grid.Patrols;
using Governance.Messaging.OrgPaths;

namespace Governance.Grid.Org;

/// <summary>
/// Every grid column that holds an org path, and so follows a node when it moves (issue 12: records
/// follow their org). A new column holding a path belongs here, or a move leaves its rows behind in the
/// old subtree, readable by the old parent's staff.
/// </summary>
public static class GridOrgPaths
{
    public static readonly IReadOnlyList<IOrgPathColumn> Columns =
    [
        new OrgPathColumn<OrgNodeReplica>(n => n.Path),
        new OrgPathColumn<GridCell>(c => c.CommunityPath, c => c.Version),
        new OrgPathColumn<Incident>(i => i.OrgPath, i => i.Version),
        new OrgPathColumn<Incident>(i => i.ResponsibleOrgPath, i => i.Version),
        // Escalated above the moved node: the responsibility goes to the same level of the new chain.
        new ResponsibleOrgPathColumn<Incident>(i => i.OrgPath, i => i.ResponsibleOrgPath, i => i.Version),
        new OrgPathColumn<PatrolLog>(l => l.OrgPath),
        new OrgPathColumn<Open311Client>(c => c.Jurisdiction),
    ];
}
