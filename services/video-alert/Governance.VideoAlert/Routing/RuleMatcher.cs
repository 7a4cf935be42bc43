namespace Governance.VideoAlert.Routing;

/// <summary>
/// Which rule routes an alert: of the rules covering its kind, priority and org, the most specific — the deepest area
/// first (a community's rule beats the county's, which beats everywhere), then a named kind over any, then the
/// narrowest priority range, then the lowest id (so the answer never depends on the order rows come back in).
/// </summary>
public static class RuleMatcher
{
    public static RoutingRule? Match(IEnumerable<RoutingRule> rules, string kind, int priority, string orgPath) =>
        rules.Where(r => (r.Kind is null || r.Kind == kind) && r.PriorityFrom <= priority && priority <= r.PriorityTo && Covers(r.Area, orgPath))
            .OrderByDescending(r => Depth(r.Area))
            .ThenByDescending(r => r.Kind is not null)
            .ThenBy(r => r.PriorityTo - r.PriorityFrom)
            .ThenBy(r => r.Id)
            .FirstOrDefault();

    /// <summary>Whether <paramref name="area"/> (an org path prefix, empty for everywhere) holds <paramref name="orgPath"/>: whole segments only.</summary>
    public static bool Covers(string area, string orgPath) =>
        area.Length == 0 || orgPath == area || orgPath.StartsWith(area + "/", StringComparison.Ordinal);

    private static int Depth(string area) => area.Length == 0 ? 0 : area.Count(c => c == '/') + 1;
}
