namespace Governance.Console.Api;

// What the people-and-houses pages read from population's REST API (services/population/README.md), by its JSON names.
// Persons come masked from the service; only a reveal (population.reveal, with a purpose) answers numbers in clear.

public sealed record PersonResidence(string Status, string? PermitNumber, DateOnly? ValidFrom, DateOnly? ValidUntil);

public sealed record PersonCard(Guid Id, string Name, string DocumentType, string DocumentNumber, string? Phone, string Sex, int? Age,
    PersonResidence Residence, string OrgPath, DateTime RegisteredAt, Guid? HouseId);

public sealed record RevealedPerson(Guid Id, string? DocumentNumber, string? Phone, string? PermitNumber, DateOnly? BirthDate);

public sealed record HouseCard(Guid Id, string Kind, string Code, string Name, Guid? ParentId, string OrgPath, string? Address, string? Use,
    string? Occupancy, string? GridCode);

public sealed record HouseholdBrief(Guid Id, string Number, string Kind, Guid HouseId, string OrgPath, Guid? HeadId, int Members);

public sealed record HouseholdMember(Guid PersonId, string Relation, DateOnly JoinedOn, DateOnly? LeftOn, string? LeftReason, PersonCard? Person);

public sealed record HouseholdCard(Guid Id, string Number, string Kind, Guid HouseId, string OrgPath, DateTime RegisteredAt, IReadOnlyList<HouseholdMember> Members);

public sealed record ResidentCounts(int Registered, int Floating, int Foreign, int Total);

public sealed record Resident(Guid HouseId, PersonCard Person);

public sealed record HouseResidents(Guid? HouseId, ResidentCounts Counts, IReadOnlyList<Resident> Residents);

public sealed record RentalGrade(string Grade, string Rule, int RulesVersion);

public sealed record RentalBrief(Guid Id, Guid HouseId, string OrgPath, Guid LandlordId, int PermittedOccupants, int Occupants,
    RentalGrade? Grade, DateOnly ReinspectBy, bool Overdue, DateOnly? LastInspectedOn);

public sealed record CareCaseBrief(Guid Id, Guid PersonId, string PersonName, string Category, string OrgPath, DateOnly OpenedOn,
    DateOnly? ClosedOn, DateOnly? NextVisitDue, bool Overdue);

public sealed record CareVisit(Guid Id, DateOnly VisitedOn, string Kind, string Findings, string? NextStep, string RecordedBy, DateTime RecordedAt);

public sealed record CareCaseCard(Guid Id, Guid PersonId, string PersonName, string Category, string OrgPath, DateOnly OpenedOn,
    DateOnly? ClosedOn, string? ClosingReason, string WorkerId, int VisitIntervalDays, DateOnly? NextVisitDue, IReadOnlyList<CareVisit> Visits);

public sealed record PersonRead(long Id, Guid? PersonId, string OrgPath, string Reader, string? ReaderClient, DateTime At,
    string Action, IReadOnlyList<string> Fields, string? Purpose, string? PurposeNote, string Channel);

public sealed record ImportJob(Guid Id, string Kind, string Format, string? FileName, string OrgPath, string Status,
    int? RowsTotal, int RowsValidated, int RowsDone, int RowsRejected, DateTime CreatedAt, DateTime? FinishedAt, string? Error, string? RejectedReport)
{
    public bool Ended => Status is "done" or "rejected" or "failed";
}

/// <summary>A stated purpose (population's access-log codes) and its optional note.</summary>
public sealed record Purpose(string Code, string? Note);

/// <summary>What a purpose prompt holds while the user fills it in: nothing is sent until a code is chosen.</summary>
public sealed class PurposeChoice
{
    public string Code { get; set; } = "";
    public string Note { get; set; } = "";

    public Purpose? Stated => Code.Length > 0 ? new Purpose(Code, Note) : null;
}
