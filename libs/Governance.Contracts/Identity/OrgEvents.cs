namespace Governance.Contracts.Identity;

/// <summary>A node was added to the org tree.</summary>
/// <param name="NodeId">Stable id of the node (its path changes when it moves).</param>
/// <param name="Path">Code path from the root, e.g. <c>632801/001/002</c>.</param>
/// <param name="Code">The node's own code, the last segment of the path.</param>
/// <param name="Name">The node's name, e.g. 昆仑路街道.</param>
/// <param name="Level">province, prefecture, county, street, community or grid.</param>
/// <param name="ParentPath">The parent's path; null for a root.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record OrgNodeCreated(Guid NodeId, string Path, string Code, string Name, string Level, string? ParentPath, DateTime OccurredAt);

/// <summary>
/// A node was renamed or moved. When <see cref="OldPath"/> differs from <see cref="Path"/> the node
/// moved and every descendant's path changed the same way: replace the prefix <see cref="OldPath"/>
/// with <see cref="Path"/> (whole segments) in anything keyed on paths.
/// </summary>
public sealed record OrgNodeChanged(Guid NodeId, string Path, string OldPath, string Name, DateTime OccurredAt);

/// <summary>A node was retired: it had no users and no children left, and takes none from now on.</summary>
public sealed record OrgNodeRetired(Guid NodeId, string Path, DateTime OccurredAt);
