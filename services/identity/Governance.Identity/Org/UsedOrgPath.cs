namespace Governance.Identity.Org;

/// <summary>
/// A path the tree has given to a node: a current one, or one a node left when it (or an ancestor)
/// moved. Never given again: grid and mediation move records by path, so a new node given a freed
/// code would inherit what still carries it, and a late event could not tell the two apart. Retired
/// nodes keep their row in <c>org_nodes</c>, which reserves their paths already.
/// </summary>
public sealed class UsedOrgPath
{
    public required string Path { get; init; }

    /// <summary>The node that had it.</summary>
    public Guid NodeId { get; init; }

    /// <summary>When the node was given it.</summary>
    public DateTime Since { get; init; }
}
