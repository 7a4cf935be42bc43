using Governance.Population.Persons;

namespace Governance.Population.Households;

/// <summary>
/// A household with its members, current first then former, each with the relation to the head and the dates. A
/// member's person is shown masked, and only when within the reader's reach (population.read): a member living
/// elsewhere (人户分离) out of reach shows as an id and a relation.
/// </summary>
public sealed record HouseholdView(Guid Id, string Number, string Kind, Guid HouseId, string OrgPath, DateTime RegisteredAt, IReadOnlyList<MemberView> Members);

public sealed record MemberView(Guid PersonId, string Relation, DateOnly JoinedOn, DateOnly? LeftOn, string? LeftReason, PersonView? Person);

/// <summary>A household as a list shows it: ids and counts, no person's data.</summary>
public sealed record HouseholdSummary(Guid Id, string Number, string Kind, Guid HouseId, string OrgPath, Guid? HeadId, int Members);
