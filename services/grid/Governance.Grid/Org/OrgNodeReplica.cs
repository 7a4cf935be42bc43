namespace Governance.Grid.Org;

/// <summary>
/// The grid service's copy of the identity service's org nodes, kept from its events: enough to
/// tie cells to communities and to follow a community when it moves.
/// </summary>
public sealed class OrgNodeReplica
{
    public Guid NodeId { get; init; }
    public required string Path { get; set; }
    public required string Name { get; set; }
    /// <summary>province … grid, or <c>unknown</c> while only a change has arrived.</summary>
    public required string Level { get; set; }
    public bool Retired { get; set; }

    /// <summary>When the last event applied here occurred: an older event arriving late changes nothing.</summary>
    public DateTime ChangedAt { get; set; }
}
