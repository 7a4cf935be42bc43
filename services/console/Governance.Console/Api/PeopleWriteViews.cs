namespace Governance.Console.Api;

// What population answers to the people-and-houses pages' writes (services/population/README.md), by its JSON names.

/// <summary>A person as population answers a read or a write: masked, with the <c>version</c> an edit must name.</summary>
public sealed record PersonRecord(Guid Id, string Name, string DocumentType, string DocumentNumber, string? Phone, string Sex, int? Age,
    PersonResidence Residence, string OrgPath, DateTime RegisteredAt, Guid? HouseId, int Version);

/// <summary>A stay begun by a move-in.</summary>
public sealed record StayRecord(Guid Id, Guid PersonId, Guid HouseId, string OrgPath, DateOnly From, DateOnly? Until, string? EndReason);

public sealed record RentalPerson(Guid Id, string Name, string? Phone);

public sealed record RentalAgreement(DateOnly SignedOn, DateOnly? ValidUntil, string State);

public sealed record RentalFinding(string Code, string Source, string? Note);

public sealed record RentalInspection(Guid Id, DateOnly InspectedOn, string Inspector, string Agreement, int Occupants, int PermittedOccupants,
    IReadOnlyList<RentalFinding> Findings, RentalGrade Grade);

/// <summary>One rental read in full (landlord and occupants are person reads in population's access log).</summary>
public sealed record RentalCard(Guid Id, Guid HouseId, string OrgPath, RentalPerson Landlord, int PermittedOccupants, IReadOnlyList<RentalPerson> Occupants,
    RentalAgreement? Agreement, RentalGrade? Grade, DateOnly ReinspectBy, bool Overdue, RentalInspection? LastInspection, DateTime RegisteredAt);

public sealed record RentalInspected(RentalInspection Inspection, DateOnly ReinspectBy);

public sealed record RecordedVisit(Guid VisitId, Guid CaseId, DateOnly? NextVisitDue, bool Replayed);

/// <summary>A row of population's care-case read log (<c>care_case_reads</c>): who read which case, when, why.</summary>
public sealed record CareCaseRead(long Id, Guid CaseId, string OrgPath, string Reader, string? ReaderClient, DateTime At, string Action,
    IReadOnlyList<string> Fields, string Purpose, string? PurposeNote);

/// <summary>A user's name as identity answers it for a reader shown in a log.</summary>
public sealed record ReaderUser(Guid Id, string UserName, string DisplayName);
