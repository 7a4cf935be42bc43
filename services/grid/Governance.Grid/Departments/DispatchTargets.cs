using Governance.Grid.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Departments;

/// <summary>
/// Checks the departments a dispatch names against the copy of identity's departments: each must be
/// known, not retired, and attached on the incident's branch of the org tree (the county's bureaus
/// and the street's offices serve the incidents below them, not another county's). A refusal is a
/// 400 naming the field, so the console can point at the department picked.
/// </summary>
public sealed class DispatchTargets(GridDb db)
{
    public async Task<DepartmentReplica> RequireAsync(string? departmentId, string field, string incidentOrgPath, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(departmentId) || departmentId.Length > 64)
            throw DomainException.Invalid(field, "Name the department to dispatch to (its id, as identity gives it).");
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.DepartmentId == departmentId, ct);
        if (department is null || !department.Known)
            throw DomainException.Invalid(field, $"No department '{departmentId}' is known: dispatch to one of identity's departments (GET /api/identity/departments).");
        if (department.Retired)
            throw DomainException.Invalid(field, $"The department {department.Code} ({department.Name}) is retired and takes no new work.");
        // The org copy follows moves; the path the department's own events gave is the fallback.
        var path = await db.OrgNodes.AsNoTracking().Where(n => n.NodeId == department.OrgNodeId).Select(n => n.Path).FirstOrDefaultAsync(ct) ?? department.OrgPath;
        if (!(incidentOrgPath == path || incidentOrgPath.StartsWith(path + "/", StringComparison.Ordinal)))
            throw DomainException.Invalid(field, $"The department {department.Code} ({department.Name}) at {path} does not serve {incidentOrgPath}: pick one attached above the incident.");
        return department;
    }
}
