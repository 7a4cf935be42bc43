using Governance.Mediation.Cases;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;

namespace Governance.Mediation.Bodies;

/// <summary>Which org paths a caller's lists reach, and how a mediator's load is counted.</summary>
internal static class BodyScope
{
    /// <summary>Cases still on a mediator's desk: not yet settled, failed or closed.</summary>
    public static readonly CaseState[] OpenStates = [CaseState.Registered, CaseState.InMediation, CaseState.Referred];

    /// <summary>
    /// The subtrees a caller's list of bodies covers: those of the caller's posts whose role carries
    /// <paramref name="permission"/>; a refusal when there are none.
    /// </summary>
    public static async Task<IReadOnlyList<OrgPath>> ReachOf(Caller caller, RolePermissions permissions, string permission, CancellationToken ct)
    {
        if (caller.OrgPath is null && caller.Posts.Count == 0) throw NoReach();
        var subtrees = await permissions.PermittedSubtreesAsync(caller, permission, ct);
        return subtrees.Count > 0 ? subtrees : throw NoReach();
    }

    private static DomainException NoReach() =>
        DomainException.Forbidden("Your token carries no org node, so no mediation body lies within your reach.");

    /// <summary>The nodes above <paramref name="org"/> and <paramref name="org"/> itself, root first.</summary>
    public static List<string> SelfAndAncestors(string org)
    {
        var segments = org.Split('/');
        return Enumerable.Range(1, segments.Length).Select(n => string.Join('/', segments.Take(n))).ToList();
    }

    public static OrgPath ParseOrg(string? value, string field) =>
        OrgPath.TryParse(value, out var org) ? org : throw DomainException.Invalid(field, $"'{field}' must be an org path of digit codes separated by '/'.");
}
