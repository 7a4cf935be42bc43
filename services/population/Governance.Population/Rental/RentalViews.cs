namespace Governance.Population.Rental;

/// <summary>
/// A rental in a list: no personal data (the landlord by id only, the occupants as a count), so lists are not
/// person reads. <see cref="Overdue"/>: the next inspection's date has passed.
/// </summary>
public sealed record RentalSummary(Guid Id, Guid HouseId, string OrgPath, Guid LandlordId, int PermittedOccupants, int Occupants,
    GradeView? Grade, DateOnly ReinspectBy, bool Overdue, DateOnly? LastInspectedOn)
{
    public static RentalSummary Of(RentalHouse r, int occupants, DateOnly today) => new(r.Id, r.HouseId, r.OrgPath, r.LandlordId, r.PermittedOccupants, occupants,
        GradeView.Of(r), r.ReinspectBy, r.ReinspectBy < today, r.LastInspectedOn);
}

/// <summary>The grade and its reason: the code of the rule that matched, and the rules version it is in.</summary>
public sealed record GradeView(string Grade, string Rule, int RulesVersion)
{
    public static GradeView? Of(RentalHouse r) => r.Grade is { } grade ? new(grade, r.GradeRule!, r.RulesVersion!.Value) : null;
}

/// <summary>
/// One rental read in full: the landlord's name and masked phone and the occupants' names are a person read
/// each, written to the access log before the answer.
/// </summary>
public sealed record RentalView(Guid Id, Guid HouseId, string OrgPath, PersonBrief Landlord, int PermittedOccupants, IReadOnlyList<PersonBrief> Occupants,
    AgreementView? Agreement, GradeView? Grade, DateOnly ReinspectBy, bool Overdue, InspectionView? LastInspection, DateTime RegisteredAt);

public sealed record PersonBrief(Guid Id, string Name, string? Phone);

public sealed record AgreementView(DateOnly SignedOn, DateOnly? ValidUntil, string State);

public sealed record InspectionView(Guid Id, DateOnly InspectedOn, string Inspector, string Agreement, int Occupants, int PermittedOccupants,
    IReadOnlyList<FindingView> Findings, GradeView Grade)
{
    public static InspectionView Of(RentalInspection i) => new(i.Id, i.InspectedOn, i.Inspector, i.Agreement, i.Occupants, i.PermittedOccupants,
        i.Findings.OrderBy(f => Array.IndexOf(RentalNames.Findings, f.Code)).Select(f => new FindingView(f.Code, f.Source, f.Note)).ToList(),
        new GradeView(i.Grade, i.GradeRule, i.RulesVersion));
}

public sealed record FindingView(string Code, string Source, string? Note);

/// <summary>An inspection just recorded, and the day the rental is to be inspected next.</summary>
public sealed record InspectedView(InspectionView Inspection, DateOnly ReinspectBy);
