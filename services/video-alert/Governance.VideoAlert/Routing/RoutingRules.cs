using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// Reads and replaces the routing rules. Reading needs alert.read (the rules hold no personal data); replacing needs
/// alert.rules.manage over every area the old and the new set name, and at a root of the org tree when either has a
/// rule for everywhere. The change names the version it read: a stale one is refused (409), and of two changes at once
/// the version check lets one through; the rows and the version change in one transaction.
/// </summary>
public sealed class RoutingRules(VideoAlertDb db, RolePermissions permissions, TimeProvider clock)
{
    public async Task<RoutingRulesView> GetAsync(Caller caller, CancellationToken ct)
    {
        await permissions.EnsureAnyRoleCarriesAsync(caller, VideoAlertPermissions.AlertRead, ct);
        return await ViewAsync(ct);
    }

    public async Task<RoutingRulesView> ReplaceAsync(Caller caller, RoutingRulesChange change, CancellationToken ct)
    {
        var version = change.Version ?? throw DomainException.Invalid("version", "Give the version of the rules you read.");
        var rules = RoutingRuleChecks.Check(change.Rules);
        var set = await db.RoutingRuleSets.FirstAsync(s => s.Id == RoutingRuleSet.TheOne, ct);
        var old = await db.RoutingRules.AsNoTracking().ToListAsync(ct);
        await EnsureManageAsync(caller, old.Concat(rules).Select(r => r.Area).Distinct().ToList(), ct);
        if (set.Version != version) throw Stale(version);
        try
        {
            await db.SaveInOneTransactionAsync(async t =>
            {
                await db.RoutingRules.ExecuteDeleteAsync(t);
                db.RoutingRules.AddRange(rules);
                set.Version = version + 1;
                set.ChangedAt = clock.GetUtcNow().UtcDateTime;
                set.ChangedBy = caller.Subject;
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale(version);
        }
        return await ViewAsync(ct);
    }

    private async Task EnsureManageAsync(Caller caller, IReadOnlyList<string> areas, CancellationToken ct)
    {
        const string manage = VideoAlertPermissions.AlertRulesManage;
        foreach (var area in areas.Where(a => a.Length > 0))
            await permissions.EnsurePermittedAsync(caller, manage, OrgPath.Parse(area), ct);
        if (areas.Any(a => a.Length == 0)
            && !(await permissions.PermittedSubtreesAsync(caller, manage, ct)).Any(s => s.Segments.Count == 1))
            throw DomainException.Forbidden($"A rule for everywhere needs the permission '{manage}' at a root of the org tree.");
    }

    private async Task<RoutingRulesView> ViewAsync(CancellationToken ct)
    {
        var set = await db.RoutingRuleSets.AsNoTracking().FirstAsync(s => s.Id == RoutingRuleSet.TheOne, ct);
        var rules = await db.RoutingRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        return new RoutingRulesView(set.Version, set.ChangedAt, set.ChangedBy, rules.Select(RoutingRulesView.Of).ToList());
    }

    private static DomainException Stale(int version) =>
        DomainException.RuleViolated("StaleVersion", $"The rules changed since version {version} was read: read them again.");
}
