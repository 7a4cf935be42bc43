using Governance.Assessment.Data;
using Governance.Assessment.Departments;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Access;

/// <summary>
/// Who may see a department's assessment (ADR 0013, consequences): an assessor's post carrying <c>assessment.read</c>
/// that reaches the department's org node, or a department handler of that very department (<c>dept</c> in the token)
/// holding <c>assessment.department.read</c>. A department handler never sees another department's scores.
/// </summary>
public sealed class DepartmentAccess(AssessmentDb db, RolePermissions permissions)
{
    /// <summary>The department <paramref name="id"/> names, or a 400 naming <paramref name="field"/>.</summary>
    public async Task<Department> DepartmentAsync(string? id, string field, CancellationToken ct)
    {
        var key = id?.Trim();
        if (string.IsNullOrEmpty(key)) throw DomainException.Invalid(field, "Name the department (its id).");
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.DepartmentId == key, ct);
        if (department is not { Known: true }) throw DomainException.Invalid(field, $"No member department '{key}'.");
        return department;
    }

    /// <summary>Throws 403 unless the caller may read <paramref name="department"/>'s letter, scorecard and records.</summary>
    public async Task EnsureMayReadAsync(Caller caller, Department department, CancellationToken ct)
    {
        var org = OrgPathOf(department);
        if (await permissions.IsPermittedAsync(caller, AssessmentPermissions.Read, org, ct)) return;
        if (await permissions.PermitsAsync(caller.Roles, AssessmentPermissions.DepartmentRead, ct))
        {
            if (caller.Department == department.DepartmentId) return;
            throw DomainException.Forbidden("You may read only your own department's assessment.");
        }
        await permissions.EnsurePermittedAsync(caller, AssessmentPermissions.Read, org, ct);
    }

    public static OrgPath OrgPathOf(Department department) =>
        OrgPath.TryParse(department.OrgPath, out var org) ? org : throw new InvalidOperationException($"Department {department.DepartmentId} has no valid org path.");
}
