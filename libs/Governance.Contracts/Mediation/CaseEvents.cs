namespace Governance.Contracts.Mediation;

// Mediation events carry ids, codes, levels and outcomes, never parties' names or contacts.
// Common parameters: CaseId is stable; Number is the human reference; OrgPath is where the dispute
// lies; Level is grid, community, street or county; OccurredAt is UTC.

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
public sealed record DisputeRegistered(Guid CaseId, string Number, string Source, string Category, string Risk, string Level, string OrgPath, string? SourceReference, DateTime OccurredAt);

/// <summary>A case moved up a level because its level's deadline passed or its mediation failed.</summary>
public sealed record DisputeEscalated(Guid CaseId, string Number, string FromLevel, string ToLevel, string Reason, string OrgPath, DateTime OccurredAt);

/// <summary>A case was referred to another kind of mediation (三调联动): people's, administrative or judicial.</summary>
public sealed record DisputeReferred(Guid CaseId, string Number, Guid ToBodyId, string ToKind, string Reason, string OrgPath, DateTime OccurredAt);

/// <summary>The receiving body acknowledged a referred case and now mediates it.</summary>
public sealed record DisputeReferralAcknowledged(Guid CaseId, string Number, Guid BodyId, string OrgPath, DateTime OccurredAt);

/// <summary>A case was settled (fully or partially) by an agreement.</summary>
public sealed record DisputeSettled(Guid CaseId, string Number, string Level, bool Partial, decimal? Amount, string OrgPath, DateTime OccurredAt);

/// <summary>Mediation failed; the parties were pointed to arbitration, litigation or an administrative route.</summary>
public sealed record DisputeMediationFailed(Guid CaseId, string Number, string Level, string ReferredTo, string OrgPath, DateTime OccurredAt);

/// <summary>A follow-up visit (回访) was made after the outcome.</summary>
public sealed record DisputeFollowUpDone(Guid CaseId, string Number, int Satisfaction, string OrgPath, DateTime OccurredAt);
