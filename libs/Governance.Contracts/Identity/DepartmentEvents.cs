namespace Governance.Contracts.Identity;

// Member departments (公安、司法、城管 …) as identity keeps them. Each event carries the department's
// whole state, so that a consumer can build its copy from whichever event arrives first. Version
// orders them: it counts the department's changes (1 at creation), so an event or restatement whose
// version is not above what a copy holds changes nothing. Events published before versions existed
// carry 0 and are older than any versioned one; among those, OccurredAt orders them.

/// <summary>A member department was created.</summary>
/// <param name="DepartmentId">Stable id of the department: what tokens carry in <c>dept</c> and what a dispatch names.</param>
/// <param name="Code">Short code unique within its org node, e.g. <c>psb</c>.</param>
/// <param name="Name">The department's name, e.g. 公安局.</param>
/// <param name="Kind">public_security, justice, urban_management, … (snake_case).</param>
/// <param name="OrgNodeId">The org node it is attached to (its path changes when the node moves).</param>
/// <param name="OrgPath">That node's path when the event occurred.</param>
/// <param name="OccurredAt">When, in UTC.</param>
/// <param name="Version">The department's version after this change: 1 at creation, one more at each change.</param>
public sealed record DepartmentCreated(Guid DepartmentId, string Code, string Name, string Kind, Guid OrgNodeId, string OrgPath, DateTime OccurredAt, int Version = 0);

/// <summary>A department was renamed; the other fields are its unchanged state, repeated for consumers that missed the creation.</summary>
public sealed record DepartmentChanged(Guid DepartmentId, string Code, string Name, string Kind, Guid OrgNodeId, string OrgPath, DateTime OccurredAt, int Version = 0);

/// <summary>A department was retired: nobody belongs to it any more and it takes no new work. It keeps its id and code for old records.</summary>
public sealed record DepartmentRetired(Guid DepartmentId, string Code, Guid OrgNodeId, string OrgPath, DateTime OccurredAt, int Version = 0);

/// <summary>
/// Identity states a department's whole current state again (every department, each time identity
/// starts), so that a copy that missed events, or was made before identity published them, becomes
/// complete. Nothing happened to the department: a consumer applies it only when its
/// <paramref name="Version"/> is above the copy's, so a restatement read before a change and
/// delivered after it never undoes the change.
/// </summary>
/// <param name="DepartmentId">Stable id of the department.</param>
/// <param name="Code">Short code unique within its org node.</param>
/// <param name="Name">The department's name (kept by a retired one too).</param>
/// <param name="Kind">public_security, justice, urban_management, … (snake_case).</param>
/// <param name="OrgNodeId">The org node it is attached to.</param>
/// <param name="OrgPath">That node's path when the state was read.</param>
/// <param name="Retired">True once the department is retired (final).</param>
/// <param name="Version">The department's version when its state was read.</param>
/// <param name="OccurredAt">When identity read the state, in UTC.</param>
public sealed record DepartmentRestated(Guid DepartmentId, string Code, string Name, string Kind, Guid OrgNodeId, string OrgPath, bool Retired, int Version,
    DateTime OccurredAt);
