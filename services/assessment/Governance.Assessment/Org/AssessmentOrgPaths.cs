using Governance.Assessment.Departments;
using Governance.Assessment.Facts;
using Governance.Messaging.OrgPaths;

namespace Governance.Assessment.Org;

/// <summary>
/// Every assessment column that holds an org path, and so follows a node when identity moves it: a moved community's
/// incidents, disputes, alerts, inspections, reports, grid posts, cameras and care-visit counts count under its new street from then on, for every period, as they would
/// had they been recorded there. A new fact table with an org path belongs here, or a move leaves its rows behind in the
/// old subtree. The event log is not rewritten (it is append-only); a fold maps an event's path through the moves
/// logged after it (<see cref="FactFolder"/>), so replay ends where the live facts are.
/// </summary>
public static class AssessmentOrgPaths
{
    public static readonly IReadOnlyList<IOrgPathColumn> Columns =
    [
        new OrgPathColumn<IncidentFact>(f => f.OrgPath),
        new OrgPathColumn<ReturnFact>(f => f.OrgPath),
        new OrgPathColumn<DisputeFact>(f => f.OrgPath),
        new OrgPathColumn<AlertFact>(f => f.OrgPath),
        new OrgPathColumn<InspectionFact>(f => f.OrgPath),
        new OrgPathColumn<Department>(d => d.OrgPath),
        // Inputs/ and CareVisits/: grid workers' reports and posts, cameras, population's counts per community.
        new OrgPathColumn<Inputs.ReportFact>(f => f.OrgPath),
        new OrgPathColumn<Inputs.StaffingChange>(f => f.OrgPath),
        new OrgPathColumn<Inputs.CameraFact>(f => f.OrgPath),
        new OrgPathColumn<CareVisits.CareVisitFigure>(f => f.Community),
    ];
}
