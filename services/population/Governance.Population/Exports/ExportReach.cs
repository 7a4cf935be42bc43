using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Exports;

/// <summary>What an export may cover: the caller's population.read subtrees within the org asked for, checked before anything is sent.</summary>
public static class ExportReach
{
    /// <exception cref="DomainException">400 naming <c>org</c>; 403 when no part of the org is within the caller's reach.</exception>
    public static async Task<(OrgPath Org, IReadOnlyList<OrgPath> Subtrees)> OfAsync(RolePermissions permissions, Caller caller, string? org, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(org)) throw DomainException.Invalid("org", "Name the org to export (an org path).");
        if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
        var subtrees = await permissions.PermittedSubtreesAsync(caller, PopulationPermissions.Read, ct);
        if (!subtrees.Any(s => within.IsWithin(s) || s.IsWithin(within)))
            throw DomainException.Forbidden($"Reading the persons of {within.Value} is not among your permissions.");
        return (within, subtrees);
    }
}
