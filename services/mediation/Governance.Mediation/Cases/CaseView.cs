namespace Governance.Mediation.Cases;

/// <summary>A case as lists show it: no parties, no contacts.</summary>
public sealed record CaseView(
    Guid Id, string Number, string Name, DateOnly OccurredOn, string Place, string? GridCode, string OrgPath, string Category, int PeopleInvolved,
    decimal? AmountAtStake, string Summary, string Risk, string Level, string ResponsibleOrgPath, Guid? BodyId, Guid? ReferredToBodyId, string State,
    string Source, string? SourceReference, DateTime? LevelDueAt, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static CaseView From(DisputeCase c) => new(
        c.Id, c.Number, c.Name, c.OccurredOn, c.Place, c.GridCode, c.OrgPath, CaseNames.Of(c.Category), c.PeopleInvolved, c.AmountAtStake, c.Summary,
        CaseNames.Of(c.Risk), CaseLedger.Name(c.Level), c.ResponsibleOrgPath, c.BodyId, c.ReferredToBodyId, CaseLedger.Name(c.State),
        CaseNames.Of(c.Source), c.SourceReference, c.LevelDueAt, c.CreatedAt, c.UpdatedAt);
}

/// <summary>A party as the single-case read (audited) shows it: the contact masked (<c>138****5678</c>), null when none was given.</summary>
public sealed record PartyView(Guid Id, string Kind, string Role, string Name, string? MaskedContact);

public sealed record CaseDetailView(CaseView Case, IReadOnlyList<PartyView> Parties);

public sealed record StepView(DateTime At, string Actor, string Action, string FromState, string ToState, string? FromLevel, string? ToLevel, string? Note)
{
    public static StepView From(CaseStep s) => new(s.At, s.Actor, s.Action, s.FromState, s.ToState, s.FromLevel, s.ToLevel, s.Note);
}
