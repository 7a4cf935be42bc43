using System.Text.RegularExpressions;
using Governance.Identity.Data;
using Governance.Identity.Departments;
using Governance.Identity.Org;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Users;

/// <summary>The checks on an account's fields and placement, shared by the admin API and the bootstrap.</summary>
internal static partial class UserRules
{
    // ASCII only: user names are typed at sign-in on any keyboard and appear in logs and URLs.
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex UserNamePattern();

    /// <summary>The user name, lower-cased: names are unique regardless of case.</summary>
    public static string UserName(string? userName)
    {
        var name = userName?.Trim().ToLowerInvariant();
        return name is not null && UserNamePattern().IsMatch(name) ? name
            : throw DomainException.Invalid("userName", "The user name must be 3 to 64 characters: letters a–z, digits, '.', '_' or '-', starting with a letter or digit.");
    }

    public static string DisplayName(string? displayName)
    {
        var trimmed = displayName?.Trim();
        return !string.IsNullOrEmpty(trimmed) && trimmed.Length <= 100 && !trimmed.Any(char.IsControl) ? trimmed
            : throw DomainException.Invalid("displayName", "The display name must be 1 to 100 characters, without control characters.");
    }

    /// <summary>The password, when <see cref="PasswordPolicy"/> accepts it for <paramref name="userName"/>; a 400 naming <paramref name="field"/> otherwise.</summary>
    public static string Password(string? password, string userName, string field = "password")
    {
        PasswordPolicy.Ensure(password, userName, field);
        return password!;
    }

    /// <summary>
    /// The node at <paramref name="orgPath"/> (not retired) and the department, which must sit at that
    /// node or an ancestor of it: a county's public security bureau can staff a grid, a grid's office cannot staff the county.
    /// </summary>
    public static async Task<(OrgNode Node, Department? Department)> PlacementAsync(IdentityDb db, string? orgPath, Guid? departmentId, CancellationToken ct)
    {
        if (!OrgPath.TryParse(orgPath, out _)) throw DomainException.Invalid("orgPath", $"The org path '{orgPath}' is not a path of digit codes like 632801/001/002.");
        var node = await db.OrgNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Path == orgPath, ct)
            ?? throw DomainException.Invalid("orgPath", $"No org node has the path '{orgPath}'.");
        if (node.IsRetired) throw DomainException.RuleViolated("RetiredNodeTakesNoUsers", $"The node {node.Path} is retired and takes no users.");
        if (departmentId is not { } id) return (node, null);
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw DomainException.Invalid("departmentId", $"No department has the id {id}.");
        if (department.RetiredAt is not null) throw DomainException.Invalid("departmentId", $"The department {department.Code} is retired.");
        var departmentPath = await db.OrgNodes.Where(n => n.Id == department.OrgNodeId).Select(n => n.Path).SingleAsync(ct);
        if (!node.OrgPath.IsWithin(OrgPath.Parse(departmentPath)))
            throw DomainException.RuleViolated("DepartmentSitsAtUserNodeOrAbove",
                $"The department {department.Code} sits at {departmentPath}, which is not {node.Path} nor one of its ancestors.");
        return (node, department);
    }
}
