namespace Governance.Mediation.Work;

/// <summary>A mediation session: when, where (a place or a remote link), who took part, and the minutes.</summary>
public sealed class MediationSession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public DateTime HeldAt { get; init; }
    public string? Place { get; init; }
    public string? RemoteLink { get; init; }
    public required string Participants { get; init; }
    public required string Minutes { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}

public enum OutcomeKind
{
    Agreement,
    Partial,
    Failed,
}

/// <summary>Where the parties are pointed when mediation fails.</summary>
public enum FailureReferral
{
    Arbitration,
    Litigation,
    Administrative,
}

/// <summary>A case's outcome (one per case): an agreement (full or partial) with its terms, or a failure with the route onward.</summary>
public sealed class CaseOutcome
{
    public Guid CaseId { get; init; }
    public OutcomeKind Kind { get; init; }
    public string? Terms { get; init; }
    public DateOnly? PerformanceDeadline { get; init; }
    public FailureReferral? ReferredTo { get; init; }
    public string? Note { get; init; }
    public required string MediatorName { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
    public List<AgreementAmount> Amounts { get; init; } = [];
    public List<PartyConfirmation> Confirmations { get; init; } = [];
    public decimal? Total => Amounts.Count == 0 ? null : Amounts.Sum(a => a.Amount);
}

/// <summary>A sum the agreement settles, e.g. "赔偿医疗费" 3,000.</summary>
public sealed class AgreementAmount
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public required string Description { get; init; }
    public decimal Amount { get; init; }
}

/// <summary>How a party confirmed the agreement.</summary>
public enum ConfirmationMethod
{
    /// <summary>Signed the paper agreement (the printed agreement.pdf); the mediator records the signature.</summary>
    PaperSignature,

    /// <summary>Confirmed in person before the mediator.</summary>
    InPerson,
}

/// <summary>A party's confirmation of the agreement (each party must confirm): who, when, how, and who recorded it.</summary>
public sealed class PartyConfirmation
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public Guid PartyId { get; init; }
    public ConfirmationMethod Method { get; init; }
    public DateTime ConfirmedAt { get; init; }
    public required string RecordedBy { get; init; }
}

public enum PerformanceStatus
{
    Performed,
    Partly,
    Not,
}

/// <summary>How the agreement is being performed, as checked on a date.</summary>
public sealed class PerformanceCheck
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public PerformanceStatus Status { get; init; }
    public DateOnly CheckedOn { get; init; }
    public string? Note { get; init; }
    public required string RecordedBy { get; init; }
}

/// <summary>A follow-up visit (回访) after the outcome, with the parties' satisfaction 1–5.</summary>
public sealed class FollowUp
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public DateOnly VisitedOn { get; init; }
    public int Satisfaction { get; init; }
    public string? Comment { get; init; }
    public required string RecordedBy { get; init; }
}

/// <summary>The parties' request that a court confirm the agreement (司法确认), as recorded by the mediator.</summary>
public sealed class JudicialConfirmationRequest
{
    public Guid CaseId { get; init; }
    public DateOnly RequestedOn { get; init; }
    public required string Court { get; init; }
    public string? Note { get; init; }
    public required string RecordedBy { get; init; }
}
