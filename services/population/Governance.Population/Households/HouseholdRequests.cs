namespace Governance.Population.Households;

/// <summary>
/// A household to register, with its head:
/// <code>{ "number": "H0502", "kind": "family", "houseId": "…", "headId": "…", "joinedOn": "2020-05-01" }</code>
/// </summary>
public sealed record HouseholdRequest(string? Number, string? Kind, Guid? HouseId, Guid? HeadId, DateOnly? JoinedOn);

/// <summary>A member to add, with the relation to the head: <c>{ "personId": "…", "relation": "spouse" }</c>.</summary>
public sealed record MemberRequest(Guid? PersonId, string? Relation, DateOnly? JoinedOn);

/// <summary>A member leaving: <c>{ "reason": "left", "on": "2026-11-20" }</c> (reason left by default, on today).</summary>
public sealed record LeaveRequest(string? Reason, DateOnly? On);

/// <summary>
/// A new head, a member already, and every other member's relation to them (the former head's included):
/// <code>{ "personId": "…", "relations": [{ "personId": "…", "relation": "parent" }] }</code>
/// </summary>
public sealed record HeadChangeRequest(Guid? PersonId, List<RelationRequest>? Relations);

public sealed record RelationRequest(Guid? PersonId, string? Relation);
