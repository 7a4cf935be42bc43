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

/// <summary>
/// A sub-level of a grid (compound, building or unit) was drawn. Population keeps its houses in step by it:
/// the same level, under the same parent, with the same code.
/// </summary>
/// <param name="AreaId">The area, stable.</param>
/// <param name="GridCode">The grid it lies in.</param>
/// <param name="OrgPath">The grid's place in the org tree.</param>
/// <param name="Kind">compound, building or unit.</param>
/// <param name="Code">Its code among its siblings in the grid (letters, digits and hyphens), e.g. <c>3</c> for 3号楼.</param>
/// <param name="Name">Its name, e.g. 金峰小区.</param>
/// <param name="ParentId">The area it lies in (a building's compound, a unit's building); null straight in the grid.</param>
/// <param name="Latitude">Its point (WGS84), when drawn.</param>
/// <param name="Longitude">Its point (WGS84), when drawn.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record GridAreaRegistered(Guid AreaId, string GridCode, string OrgPath, string Kind, string Code, string Name, Guid? ParentId,
    double? Latitude, double? Longitude, DateTime OccurredAt);

/// <summary>
/// A grid sub-level's name or point changed (its kind, code and place never do). It carries the whole area, as
/// <see cref="GridAreaRegistered"/> does, so that a consumer which has not seen the registration yet can apply it alone.
/// </summary>
/// <param name="AreaId">The area.</param>
/// <param name="GridCode">The grid it lies in.</param>
/// <param name="OrgPath">The grid's place in the org tree.</param>
/// <param name="Kind">compound, building or unit.</param>
/// <param name="Code">Its code among its siblings.</param>
/// <param name="Name">Its name now.</param>
/// <param name="ParentId">The area it lies in; null straight in the grid.</param>
/// <param name="Latitude">Its point now (WGS84), or null.</param>
/// <param name="Longitude">Its point now (WGS84), or null.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record GridAreaChanged(Guid AreaId, string GridCode, string OrgPath, string Kind, string Code, string Name, Guid? ParentId,
    double? Latitude, double? Longitude, DateTime OccurredAt);
