namespace Governance.Contracts.Mediation;

// Mediation events carry ids, codes, levels and outcomes, never parties' names or contacts.
// Common parameters: CaseId is stable; Number is the human reference; OrgPath is where the dispute
// lies; Level is grid, community, street or county; OccurredAt is UTC. IncidentId, where an event has
// it, is the grid incident a case was handed over from (its SourceReference), null for every other
// source: grid follows its hand-overs by it, whatever order the events arrive in. LevelDueAt, on every event that places a
// case at a level (registered, escalated, referral acknowledged), is that level's deadline: a consumer can tell a case that
// went past it (assessment's overdue cases) from the events alone, in any arrival order, without a separate overdue event.

/// <summary>A dispute case was registered.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Number">Its human reference.</param>
/// <param name="Source">grid_on_site, centre_window, hotline, online, incident_referral, police, court or department.</param>
/// <param name="Category">neighbour, family_and_marriage, … (snake_case).</param>
/// <param name="Risk">ordinary, major or complex.</param>
/// <param name="Level">The level it starts at.</param>
/// <param name="OrgPath">Where it lies.</param>
/// <param name="SourceReference">The incident id of a grid hand-over, or the referring body's reference.</param>
/// <param name="OccurredAt">When, in UTC.</param>
/// <param name="LevelDueAt">The deadline of its starting level (UTC), by the level rules in effect; null from producers before it was published.</param>
public sealed record DisputeRegistered(Guid CaseId, string Number, string Source, string Category, string Risk, string Level, string OrgPath, string? SourceReference, DateTime OccurredAt,
    DateTime? LevelDueAt = null);

/// <summary>A case moved up a level because its level's deadline passed or its mediation failed.</summary>
/// <remarks><c>LevelDueAt</c> is the new level's deadline (UTC); null from producers before it was published.</remarks>
public sealed record DisputeEscalated(Guid CaseId, string Number, string FromLevel, string ToLevel, string Reason, string OrgPath, DateTime OccurredAt,
    Guid? IncidentId = null, DateTime? LevelDueAt = null);

/// <summary>A case was referred to another kind of mediation (三调联动): people's, administrative or judicial.</summary>
public sealed record DisputeReferred(Guid CaseId, string Number, Guid ToBodyId, string ToKind, string Reason, string OrgPath, DateTime OccurredAt);

/// <summary>The receiving body acknowledged a referred case and now mediates it.</summary>
/// <remarks>The case is placed at the body's level with a new deadline, <c>LevelDueAt</c> (UTC); null from producers before it was published.</remarks>
public sealed record DisputeReferralAcknowledged(Guid CaseId, string Number, Guid BodyId, string OrgPath, DateTime OccurredAt, DateTime? LevelDueAt = null);

/// <summary>A case was settled (fully or partially) by an agreement.</summary>
/// <remarks>It binds only with at least two parties, each of whom confirmed it (signature on paper or in person).</remarks>
public sealed record DisputeSettled(Guid CaseId, string Number, string Level, bool Partial, decimal? Amount, string OrgPath, DateTime OccurredAt,
    Guid? IncidentId = null);

/// <summary>Mediation failed; the parties were pointed to arbitration, litigation or an administrative route.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Number">Its human reference.</param>
/// <param name="Level">The level the case was at.</param>
/// <param name="ReferredTo">arbitration, litigation or administrative.</param>
/// <param name="OrgPath">Where it lies.</param>
/// <param name="OccurredAt">When, in UTC.</param>
/// <param name="IncidentId">The grid incident it was handed over from, if any.</param>
/// <param name="Escalated">True when the case went up a level in the same step (a failure below the county): mediation goes on there.
/// False at the county: mediation is over and the parties take the route in <paramref name="ReferredTo"/>.</param>
public sealed record DisputeMediationFailed(Guid CaseId, string Number, string Level, string ReferredTo, string OrgPath, DateTime OccurredAt,
    Guid? IncidentId = null, bool Escalated = false);

/// <summary>A follow-up visit (回访) was made after the outcome; it closes the case.</summary>
public sealed record DisputeFollowUpDone(Guid CaseId, string Number, int Satisfaction, string OrgPath, DateTime OccurredAt, Guid? IncidentId = null);

/// <summary>The mediation body declined the case (不予受理) before mediation started; the case ends.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Number">Its human reference.</param>
/// <param name="Level">The level the case was at.</param>
/// <param name="OrgPath">Where it lies.</param>
/// <param name="OccurredAt">When, in UTC.</param>
/// <param name="IncidentId">The grid incident it was handed over from, if any.</param>
/// <param name="Reason">A code, never free text: party_refuses, before_court_or_arbitration, not_a_civil_dispute, reserved_to_authorities or other.</param>
public sealed record DisputeDeclined(Guid CaseId, string Number, string Level, string Reason, string OrgPath, DateTime OccurredAt, Guid? IncidentId = null);

/// <summary>The applicant withdrew the case (撤回) before an outcome; the case ends.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Number">Its human reference.</param>
/// <param name="Level">The level the case was at.</param>
/// <param name="OrgPath">Where it lies.</param>
/// <param name="OccurredAt">When, in UTC.</param>
/// <param name="IncidentId">The grid incident it was handed over from, if any.</param>
/// <param name="Reason">A code, never free text: settled_between_parties, no_longer_pursued, going_to_court_or_arbitration or other.</param>
public sealed record DisputeWithdrawn(Guid CaseId, string Number, string Level, string Reason, string OrgPath, DateTime OccurredAt, Guid? IncidentId = null);
