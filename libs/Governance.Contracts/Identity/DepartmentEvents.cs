namespace Governance.Contracts.Identity;

// Member departments (公安、司法、城管 …) as identity keeps them. Each event carries the department's
// whole state, so that a consumer can build its copy from whichever event arrives first; OccurredAt
// orders them (an older event arriving late changes nothing).

/// <summary>A member department was created.</summary>
/// <param name="DepartmentId">Stable id of the department: what tokens carry in <c>dept</c> and what a dispatch names.</param>
/// <param name="Code">Short code unique within its org node, e.g. <c>psb</c>.</param>
/// <param name="Name">The department's name, e.g. 公安局.</param>
/// <param name="Kind">public_security, justice, urban_management, … (snake_case).</param>
/// <param name="OrgNodeId">The org node it is attached to (its path changes when the node moves).</param>
/// <param name="OrgPath">That node's path when the event occurred.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record DepartmentCreated(Guid DepartmentId, string Code, string Name, string Kind, Guid OrgNodeId, string OrgPath, DateTime OccurredAt);

/// <summary>A department was renamed; the other fields are its unchanged state, repeated for consumers that missed the creation.</summary>
public sealed record DepartmentChanged(Guid DepartmentId, string Code, string Name, string Kind, Guid OrgNodeId, string OrgPath, DateTime OccurredAt);

/// <summary>A department was retired: nobody belongs to it any more and it takes no new work. It keeps its id and code for old records.</summary>
public sealed record DepartmentRetired(Guid DepartmentId, string Code, Guid OrgNodeId, string OrgPath, DateTime OccurredAt);
