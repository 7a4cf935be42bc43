using Governance.Assessment.Access;
using Governance.Assessment.Departments;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;

namespace Governance.Assessment.Reviews;

/// <summary>
/// Who may do what with the records people enter (manual values, monthly tasks, inspection findings):
/// <list type="bullet">
/// <item>submit, report, contest: a handler of that very department (<c>dept</c> in the token) holding <c>assessment.department.submit</c>;</item>
/// <item>allocate tasks, record findings, review and decide: a post carrying <c>assessment.score</c> or <c>assessment.manage</c>
/// that reaches the department's org node;</item>
/// <item>read: as the department's scorecard (<see cref="DepartmentAccess.EnsureMayReadAsync"/>): <c>assessment.read</c> reaching it,
/// or its own handlers with <c>assessment.department.read</c>.</item>
/// </list>
/// </summary>
public sealed class ReviewAccess(RolePermissions permissions, DepartmentAccess departments)
{
    /// <summary>What a list shows: one department's records, or those of every department within an org subtree.</summary>
    public sealed record Scope(string? DepartmentId, string OrgPath);

    public async Task EnsureMaySubmitAsync(Caller caller, Department department, CancellationToken ct)
    {
        if (!await permissions.PermitsAsync(caller.Roles, AssessmentPermissions.DepartmentSubmit, ct))
            throw DomainException.Forbidden("Only the department's own handlers submit, report and contest for it.");
        if (caller.Department != department.DepartmentId)
            throw DomainException.Forbidden("You may submit, report and contest only for your own department.");
    }

    /// <summary>Throws 403 unless a post carrying <c>assessment.score</c> or <c>assessment.manage</c> reaches <paramref name="orgPath"/>.</summary>
    public async Task EnsureMayReviewAsync(Caller caller, string orgPath, CancellationToken ct)
    {
        if (!OrgPath.TryParse(orgPath, out var org)) throw new InvalidOperationException($"A record carries the org path '{orgPath}', which is not one.");
        if (await permissions.IsPermittedAsync(caller, AssessmentPermissions.Manage, org, ct)) return;
        await permissions.EnsurePermittedAsync(caller, AssessmentPermissions.Score, org, ct);
    }

    /// <summary>Throws 403 unless the caller may read <paramref name="departmentId"/>'s assessment.</summary>
    public async Task EnsureMayReadAsync(Caller caller, string departmentId, CancellationToken ct) =>
        await departments.EnsureMayReadAsync(caller, await departments.DepartmentAsync(departmentId, "id", ct), ct);

    /// <summary>Exactly one of a department (under the department rules of access) and an org (under <c>assessment.read</c>).</summary>
    public async Task<Scope> ListScopeAsync(Caller caller, string? departmentId, string? org, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(departmentId) && !string.IsNullOrWhiteSpace(org))
            throw DomainException.Invalid("org", "Give a department or an org, not both.");
        if (!string.IsNullOrWhiteSpace(departmentId))
        {
            var department = await departments.DepartmentAsync(departmentId, "department", ct);
            await departments.EnsureMayReadAsync(caller, department, ct);
            return new Scope(department.DepartmentId, department.OrgPath);
        }
        if (!OrgPath.TryParse(org, out var path)) throw DomainException.Invalid("org", "Give a department, or an org path such as 632801/001.");
        await permissions.EnsurePermittedAsync(caller, AssessmentPermissions.Read, path, ct);
        return new Scope(null, path.Value);
    }
}
