namespace Governance.Console.Api;

// What the disputes pages read from mediation's REST API (and the one fact they need from grid's categories), by the
// services' JSON names: the console's own records, so that it depends on the HTTP contract only.

/// <summary>A case as mediation's list and detail show it (no parties).</summary>
public sealed record DisputeCase(
    Guid Id, string Number, string Name, DateOnly OccurredOn, string Place, string? GridCode, string OrgPath, string Category, int PeopleInvolved,
    decimal? AmountAtStake, string Summary, string Risk, string Level, string ResponsibleOrgPath, Guid? BodyId, string State, string Source,
    string? SourceReference, DateTime? LevelDueAt, DateTime CreatedAt);

/// <summary>A party with the contact masked (<c>138****5678</c>); null when none is on record.</summary>
public sealed record DisputeParty(Guid Id, string Kind, string Role, string Name, string? MaskedContact);

public sealed record DisputeCaseDetail(DisputeCase Case, IReadOnlyList<DisputeParty> Parties);

public sealed record DisputeStep(DateTime At, string Actor, string Action, string FromState, string ToState, string? FromLevel, string? ToLevel, string? Note);

public sealed record DisputeSession(Guid Id, DateTime HeldAt, string? Place, string? RemoteLink, string Participants, string Minutes, string RecordedBy);

public sealed record AgreementAmount(string Description, decimal Amount);

public sealed record AgreementConfirmation(Guid PartyId, string Method, DateTime ConfirmedAt, string RecordedBy);

public sealed record DisputeAgreement(string Kind, string? Terms, IReadOnlyList<AgreementAmount> Amounts, decimal? Total, DateOnly? PerformanceDeadline,
    DateTime RecordedAt, string RecordedBy, IReadOnlyList<AgreementConfirmation> Confirmations);

/// <summary>The contact in clear, answered by mediation's audited reveal for one purpose.</summary>
public sealed record RevealedContact(Guid CaseId, Guid PartyId, string Contact, string Purpose, DateTime RevealedAt);

public sealed record SuggestedMediatorInfo(Guid Id, Guid BodyId, string Name, int Load);

public sealed record MediatorSuggestion(SuggestedMediatorInfo Mediator, string BodyName, string BodyKind, bool SpecialtyMatch);

/// <summary>What a work step answers: enough to know the case moved.</summary>
public sealed record DisputeStepResult(Guid Id, string Number, string State, string Level);

/// <summary>Grid's category, for whether an incident is a dispute that may be handed over to mediation.</summary>
public sealed record GridCategoryKind(string Code, bool IsDispute);

public sealed record GridCategoryKinds(IReadOnlyList<GridCategoryKind> Categories);
