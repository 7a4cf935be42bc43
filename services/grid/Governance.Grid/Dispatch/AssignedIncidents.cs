using Governance.Grid.Data;
using Governance.Grid.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Dispatch;

/// <summary>
/// What a department's staff may read besides their org subtree: the incidents it leads (the
/// incident's department) and those it assists, while its assisting part is live (dispatched,
/// accepted or handled; not once returned or withdrawn).
/// </summary>
internal static class AssignedIncidents
{
    public static IQueryable<Incident> LedOrAssistedBy(this IQueryable<Incident> incidents, GridDb db, string department) =>
        incidents.Where(i => i.DepartmentId == department || db.IncidentParts.Any(p => p.IncidentId == i.Id && p.DepartmentId == department
            && p.Role == PartRole.Assisting && (p.State == PartState.Dispatched || p.State == PartState.Accepted || p.State == PartState.Handled)));

    public static Task<bool> IsLedOrAssistedByAsync(GridDb db, Guid incidentId, string department, CancellationToken ct) =>
        db.Incidents.Where(i => i.Id == incidentId).LedOrAssistedBy(db, department).AnyAsync(ct);
}
