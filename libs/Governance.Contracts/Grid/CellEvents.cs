namespace Governance.Contracts.Grid;

/// <summary>A grid cell was drawn (created or imported).</summary>
/// <param name="Code">15 digits: county 6 + street 3 + community 3 + sequence 3.</param>
/// <param name="OrgPath">The cell's place in the org tree: its community's path and its sequence.</param>
/// <param name="Name">The grid's name, e.g. 金峰社区第七网格.</param>
/// <param name="Type">residential_compound, institution, rental_cluster, commercial_street, rural_village or mixed.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record GridCellCreated(string Code, string OrgPath, string Name, string Type, DateTime OccurredAt);

/// <summary>A grid cell's boundary, name, type or counts changed.</summary>
/// <param name="Code">The cell's 15-digit code.</param>
/// <param name="OrgPath">The cell's place in the org tree.</param>
/// <param name="Name">The grid's name.</param>
/// <param name="Type">The grid's type, as in <see cref="GridCellCreated"/>.</param>
/// <param name="GeometryChanged">True when the boundary moved: look-ups may now answer differently.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record GridCellChanged(string Code, string OrgPath, string Name, string Type, bool GeometryChanged, DateTime OccurredAt);

/// <summary>Who holds a post in a grid changed: someone was assigned to it, or their assignment ended.</summary>
/// <param name="GridCode">The grid's 15-digit code.</param>
/// <param name="OrgPath">The grid's place in the org tree.</param>
/// <param name="Post">leader, worker, police, lawyer, volunteer or building_head.</param>
/// <param name="UserId">The staff member's user id, when they have an account.</param>
/// <param name="Change">assigned or ended.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record GridStaffingChanged(string GridCode, string OrgPath, string Post, string? UserId, string Change, DateTime OccurredAt);
