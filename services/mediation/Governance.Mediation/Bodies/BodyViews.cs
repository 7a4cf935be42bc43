using Governance.Mediation.Work;

namespace Governance.Mediation.Bodies;

public sealed record MediatorView(Guid Id, Guid BodyId, string Name, string? UserId, IReadOnlyList<string> Specialties, bool IsExpert, bool Active, int Load)
{
    public static MediatorView From(Mediator m, int load) =>
        new(m.Id, m.BodyId, m.Name, m.UserId, m.Specialties.Split(' ', StringSplitOptions.RemoveEmptyEntries), m.IsExpert, m.Active, load);
}

public sealed record BodyView(Guid Id, string Name, string Kind, string Specialty, string Level, string OrgPath, bool Active, IReadOnlyList<MediatorView> Mediators)
{
    public static BodyView From(MediationBody b, IReadOnlyList<MediatorView> mediators) =>
        new(b.Id, b.Name, WorkNames.Of(b.Kind), b.Specialty, WorkNames.Of(b.Level), b.OrgPath, b.Active, mediators);
}

/// <summary>A suggested mediator: why they rank where they do.</summary>
public sealed record SuggestionView(MediatorView Mediator, string BodyName, string BodyKind, bool SpecialtyMatch, bool ExpertForComplexCase);
