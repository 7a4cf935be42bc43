namespace Governance.Mediation.Work;

public sealed record AssignRequest(Guid? BodyId, Guid? MediatorId, string? Note);
public sealed record SessionRequest(DateTime? HeldAt, string? Place, string? RemoteLink, IReadOnlyList<string>? Participants, string? Minutes);
public sealed record AmountRequest(string? Description, decimal? Amount);
/// <summary>One party's confirmation of the agreement: who, how (paper_signature or in_person), when.</summary>
public sealed record ConfirmationRequest(Guid? PartyId, string? Method, DateTime? ConfirmedAt);

/// <summary>An outcome: for an agreement (or partial one) its terms, amounts, deadline and every party's confirmation; for a failure where the parties were pointed.</summary>
public sealed record OutcomeRequest(string? Kind, string? Terms, IReadOnlyList<AmountRequest>? Amounts, DateOnly? PerformanceDeadline,
    IReadOnlyList<ConfirmationRequest>? Confirmations, string? ReferredTo, string? Note);
public sealed record PerformanceRequest(string? Status, DateOnly? On, string? Note);
public sealed record FollowUpRequest(DateOnly? VisitedOn, int? Satisfaction, string? Comment);
public sealed record JudicialConfirmationRequestBody(DateOnly? RequestedOn, string? Court, string? Note);

/// <summary>A case as the work steps answer it.</summary>
public sealed record CaseWorkView(Guid Id, string Number, string State, string Level, Guid? BodyId, Guid? MediatorId, DateTime? SettledAt)
{
    public static CaseWorkView From(Cases.DisputeCase c) =>
        new(c.Id, c.Number, WorkNames.Of(c.State), WorkNames.Of(c.Level), c.BodyId, c.MediatorId, c.SettledAt);
}

/// <summary>An agreement as recorded: terms, amounts, deadline, and how each party confirmed it.</summary>
public sealed record AgreementView(string Kind, string? Terms, IReadOnlyList<AgreementAmountView> Amounts, decimal? Total, DateOnly? PerformanceDeadline,
    DateTime RecordedAt, string RecordedBy, IReadOnlyList<ConfirmationView> Confirmations)
{
    public static AgreementView From(CaseOutcome o) => new(WorkNames.Of(o.Kind), o.Terms, o.Amounts.Select(a => new AgreementAmountView(a.Description, a.Amount)).ToList(),
        o.Total, o.PerformanceDeadline, o.RecordedAt, o.RecordedBy,
        o.Confirmations.OrderBy(x => x.ConfirmedAt).Select(x => new ConfirmationView(x.PartyId, WorkNames.Of(x.Method), x.ConfirmedAt, x.RecordedBy)).ToList());
}

public sealed record AgreementAmountView(string Description, decimal Amount);

/// <summary>Who confirmed (the party's id), how (paper_signature or in_person), when, and the mediator who recorded it.</summary>
public sealed record ConfirmationView(Guid PartyId, string Method, DateTime ConfirmedAt, string RecordedBy);
