using System.Security.Claims;
using Governance.Console.Api;
using Governance.Console.Auth;
using Governance.ServiceDefaults.Auth;

namespace Governance.Console.Components.Assessment;

/// <summary>A department the user may pick on the scorecard and trend pages.</summary>
public sealed record DepartmentChoice(string Id, string Name);

/// <summary>
/// Whose scorecard the user may open. An assessor: the departments ranked within their posts' org nodes for the period
/// (those with a signed letter). A department handler without <c>assessment.read</c>: their own department only, the
/// token's <c>dept</c>, as assessment resolves it (it refuses any other in words).
/// </summary>
public static class AssessmentDepartments
{
    /// <param name="Own">The handler's own department id, when the user picks from nothing (no assessor post).</param>
    public sealed record Choices(IReadOnlyList<DepartmentChoice> Departments, string? Own, ApiProblem? Problem);

    public static async Task<Choices> ForAsync(ServicesApi api, ConsoleUser console, RolePermissions permissions, ClaimsPrincipal user, string period,
        CancellationToken ct = default)
    {
        if (!await console.HoldsAsync(user, AssessmentPages.Read, ct))
            return new([], console.Caller(user).Department, null);
        var orgs = (await permissions.PostsCarryingAsync(console.Caller(user), AssessmentPages.Read, ct)).Select(p => p.Org.Value).Distinct();
        var departments = new List<DepartmentChoice>();
        ApiProblem? problem = null;
        foreach (var org in orgs)
        {
            var ranking = await api.GetAsync<Ranking>($"/api/assessment/rankings?org={Uri.EscapeDataString(org)}&period={Uri.EscapeDataString(period)}", ct);
            problem ??= ranking.Problem;
            foreach (var d in ranking.Value?.Departments ?? [])
                if (!departments.Exists(c => c.Id == d.DepartmentId)) departments.Add(new(d.DepartmentId, d.DepartmentName));
        }
        return new(departments, null, problem);
    }
}
