namespace Governance.Mediation.Work;

public sealed record AssignRequest(Guid? BodyId, Guid? MediatorId, string? Note);
public sealed record SessionRequest(DateTime? HeldAt, string? Place, string? RemoteLink, IReadOnlyList<string>? Participants, string? Minutes);
public sealed record AmountRequest(string? Description, decimal? Amount);
public sealed record OutcomeRequest(string? Kind, string? Terms, IReadOnlyList<AmountRequest>? Amounts, DateOnly? PerformanceDeadline,
    IReadOnlyList<Guid>? ConfirmedBy, string? ReferredTo, string? Note);
public sealed record PerformanceRequest(string? Status, DateOnly? On, string? Note);
public sealed record FollowUpRequest(DateOnly? VisitedOn, int? Satisfaction, string? Comment);
public sealed record JudicialConfirmationRequestBody(DateOnly? RequestedOn, string? Court, string? Note);

/// <summary>A case as the work steps answer it.</summary>
public sealed record CaseWorkView(Guid Id, string Number, string State, string Level, Guid? BodyId, Guid? MediatorId, DateTime? SettledAt)
{
    public static CaseWorkView From(Cases.DisputeCase c) =>
        new(c.Id, c.Number, WorkNames.Of(c.State), WorkNames.Of(c.Level), c.BodyId, c.MediatorId, c.SettledAt);
}
