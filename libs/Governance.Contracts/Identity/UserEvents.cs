namespace Governance.Contracts.Identity;

// Events carry ids and codes, never a person's personal data (ARCHITECTURE.md): no names, no
// contact details. A consumer that needs more asks IdentityService with its own token.

/// <summary>A user account was created; <paramref name="Roles"/> are posts at <paramref name="OrgPath"/>, without end.</summary>
public sealed record UserCreated(Guid UserId, string OrgPath, Guid? DepartmentId, IReadOnlyList<string> Roles, DateTime OccurredAt);

/// <summary>A user's org node or department changed; the live posts held at the old node moved to the new one with the user.</summary>
public sealed record UserChanged(Guid UserId, string OrgPath, Guid? DepartmentId, DateTime OccurredAt);

/// <summary>A user was disabled: their tokens stop being renewed (refresh tokens are revoked).</summary>
public sealed record UserDisabled(Guid UserId, DateTime OccurredAt);

/// <summary>A disabled user was enabled again.</summary>
public sealed record UserEnabled(Guid UserId, DateTime OccurredAt);

/// <summary>A role was granted to a user: a post at the user's own org node, without end.</summary>
public sealed record RoleGranted(Guid UserId, string Role, DateTime OccurredAt);

/// <summary>A role was taken from a user: the post of that role at the user's own org node ended.</summary>
public sealed record RoleRevoked(Guid UserId, string Role, DateTime OccurredAt);

/// <summary>
/// A post was granted to a user: <paramref name="Role"/> held at <paramref name="OrgPath"/>, until
/// <paramref name="Until"/> (UTC; null: without end). Granted again, the same post (same
/// <paramref name="PostId"/>) is published again with its new end. A post that reaches its end ends
/// without an event: every holder of this event knows when.
/// </summary>
public sealed record PostGranted(Guid UserId, Guid PostId, string Role, string OrgPath, DateTime? Until, DateTime OccurredAt);

/// <summary>A post was ended by an admin before its term (or, having none, at all).</summary>
public sealed record PostEnded(Guid UserId, Guid PostId, string Role, string OrgPath, DateTime OccurredAt);
