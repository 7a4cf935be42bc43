namespace Governance.Messaging.OrgPaths;

/// <summary>
/// One move of an org node as identity announced it (an <c>OrgNodeChanged</c> whose path changed),
/// kept by each service that stores org paths. The log is what lets a move arriving late, or before
/// the creation it follows, still put every record where identity's tree has it now.
/// </summary>
public sealed class OrgMove
{
    /// <summary>Row key; the order of arrival, not of occurrence.</summary>
    public long Id { get; set; }

    /// <summary>The node that moved (its descendants moved with it).</summary>
    public Guid NodeId { get; set; }

    /// <summary>The node's path before the move.</summary>
    public required string OldPath { get; set; }

    /// <summary>The node's path after the move.</summary>
    public required string NewPath { get; set; }

    /// <summary>When identity made the move (UTC): moves apply in this order, whatever order they arrive in.</summary>
    public DateTime OccurredAt { get; set; }
}
