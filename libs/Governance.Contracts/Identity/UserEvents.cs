namespace Governance.Contracts.Identity;

// Events carry ids and codes, never a person's personal data (ARCHITECTURE.md): no names, no
// contact details. A consumer that needs more asks IdentityService with its own token.

/// <summary>A user account was created.</summary>
public sealed record UserCreated(Guid UserId, string OrgPath, Guid? DepartmentId, IReadOnlyList<string> Roles, DateTime OccurredAt);

/// <summary>A user's org node or department changed.</summary>
public sealed record UserChanged(Guid UserId, string OrgPath, Guid? DepartmentId, DateTime OccurredAt);

/// <summary>A user was disabled: their tokens stop being renewed (refresh tokens are revoked).</summary>
public sealed record UserDisabled(Guid UserId, DateTime OccurredAt);

/// <summary>A disabled user was enabled again.</summary>
public sealed record UserEnabled(Guid UserId, DateTime OccurredAt);

/// <summary>A role was granted to a user.</summary>
public sealed record RoleGranted(Guid UserId, string Role, DateTime OccurredAt);

/// <summary>A role was taken from a user.</summary>
public sealed record RoleRevoked(Guid UserId, string Role, DateTime OccurredAt);
