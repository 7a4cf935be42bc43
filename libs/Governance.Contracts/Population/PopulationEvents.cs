namespace Governance.Contracts.Population;

// Population events carry ids, codes and org paths only: never a name, a document or phone number, a
// relation or anything of a care case (ARCHITECTURE, scope boundary). A consumer that needs more asks
// population over gRPC, with its own permission and purpose, and the read is audited there.
// Common parameters: OrgPath is the grid or community the house or person lies in; OccurredAt is UTC.

/// <summary>A house (compound, building, unit or room) was registered.</summary>
/// <param name="HouseId">The house.</param>
/// <param name="Kind">compound, building, unit or room.</param>
/// <param name="Code">Its code among its siblings (the grid's sub-level code where it has one).</param>
/// <param name="ParentId">The house it lies in, null at the top.</param>
/// <param name="GridCode">The 15-digit grid its point lies in, when located.</param>
/// <param name="OrgPath">Where it lies.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record HouseRegistered(Guid HouseId, string Kind, string Code, Guid? ParentId, string? GridCode, string OrgPath, DateTime OccurredAt);

/// <summary>A person moved into a house (or was first recorded living there).</summary>
/// <param name="PersonId">The person.</param>
/// <param name="HouseId">The house moved into.</param>
/// <param name="HouseholdId">The household they live in there, when recorded.</param>
/// <param name="OrgPath">Where the house lies.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record PersonMovedIn(Guid PersonId, Guid HouseId, Guid? HouseholdId, string OrgPath, DateTime OccurredAt);

/// <summary>A person moved out of a house.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="HouseId">The house moved out of.</param>
/// <param name="Reason">moved, departed (a floating resident left the area), deceased or corrected (a wrong record).</param>
/// <param name="OrgPath">Where the house lies.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record PersonMovedOut(Guid PersonId, Guid HouseId, string Reason, string OrgPath, DateTime OccurredAt);

/// <summary>A rental house's grade changed after an inspection or a change of the grading rules.</summary>
/// <param name="HouseId">The rental house.</param>
/// <param name="Grade">assured (放心), watched (关注), strict (严管) or prohibited (禁止).</param>
/// <param name="PreviousGrade">Its grade before, null at its first grading.</param>
/// <param name="ReinspectBy">The date the next inspection is due (China time).</param>
/// <param name="OrgPath">Where the house lies.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record RentalGradeChanged(Guid HouseId, string Grade, string? PreviousGrade, DateOnly ReinspectBy, string OrgPath, DateTime OccurredAt);

/// <summary>A rental house was inspected, whether or not its grade changed: what assessment counts re-inspections on time by.</summary>
/// <param name="HouseId">The rental house.</param>
/// <param name="InspectionId">The inspection (one event per inspection: a redelivery carries the same id).</param>
/// <param name="InspectedOn">The day of the inspection (China time).</param>
/// <param name="DueBy">The day it was due by: the previous inspection's re-inspection date, or the registration day for the first.</param>
/// <param name="OnTime">True when inspected on or before <paramref name="DueBy"/>.</param>
/// <param name="Grade">The grade it gave (assured, watched, strict or prohibited).</param>
/// <param name="ReinspectBy">The date the next inspection is due.</param>
/// <param name="OrgPath">Where the house lies.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record RentalInspected(Guid HouseId, Guid InspectionId, DateOnly InspectedOn, DateOnly DueBy, bool OnTime, string Grade, DateOnly ReinspectBy,
    string OrgPath, DateTime OccurredAt);
