using Governance.Grid.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Rules;

/// <summary>
/// Who may read and change rules. Reading needs <c>rules.read</c> (staff roles carry it: the rules
/// hold no personal data). Changing the platform-wide rules (and the national calendar) needs
/// <c>rules.manage</c> over every root of the org tree (the county, in a one-county deployment); a
/// county's own calendar needs it over that county.
/// </summary>
public sealed class RulesAccess(GridDb db, RolePermissions permissions)
{
    public const string Read = "rules.read";
    public const string Manage = "rules.manage";

    public Task EnsureReadAsync(Caller caller, CancellationToken ct) => permissions.EnsureAnyRoleCarriesAsync(caller, Read, ct);

    public async Task EnsureManageEverywhereAsync(Caller caller, CancellationToken ct)
    {
        var roots = await db.OrgNodes.AsNoTracking().Where(n => !n.Path.Contains("/") && !n.Retired).Select(n => n.Path).ToListAsync(ct);
        if (roots.Count == 0) throw DomainException.RuleViolated("RulesNeedOrgTree", "The org tree has not reached this service yet: nobody can be checked for rules.manage.");
        foreach (var root in roots) await permissions.EnsurePermittedAsync(caller, Manage, OrgPath.Parse(root), ct);
    }

    public Task EnsureManageAsync(Caller caller, string county, CancellationToken ct) =>
        permissions.EnsurePermittedAsync(caller, Manage, OrgPath.Parse(county), ct);
}
