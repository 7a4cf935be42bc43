namespace Governance.Console.Api;

// What the console reads from the services' REST APIs: the fields it shows, by the services' JSON names. Its own
// records, not the services' types, so that the console depends on their HTTP contract only (it runs in the gateway,
// which references no service).

public sealed record Incident(
    Guid Id, string Number, string Source, string Category, string Urgency, string Title, string? Description,
    string? Address, string GridCode, string OrgPath, string ResponsibleOrgPath, string State, string? DepartmentId,
    string? Step, DateTime? StepDueAt, string Warning, int Reworks, int? Satisfaction, DateTime ReportedAt, DateTime? ClosedAt);

public sealed record TimelineStep(DateTime At, string Actor, string Action, string FromState, string ToState, string? Note);

public sealed record IncidentPart(string DepartmentId, string? DepartmentName, string Role, int Round, string State);

/// <summary>A node of identity's org tree (the map's community picker, the administration's tree).</summary>
public sealed record OrgNode(Guid Id, string Code, string Path, string Name, string Level, string? ParentPath, bool Retired);

public sealed record Category(string Code, string Name);

public sealed record CategoriesDocument(int Version, IReadOnlyList<Category> Categories);

public sealed record Department(Guid Id, string Code, string Name, string OrgPath, bool Retired);

public sealed record StateCount(string State, int Count);

public sealed record IncidentFigures(IReadOnlyList<StateCount> Reported, int Open, int Yellow, int Red, int Overdue);

public sealed record DepartmentFigures(string DepartmentId, string? Name, int Led, int Assisted, int Accepted, int Handled, int Returned);

public sealed record DepartmentFiguresView(string Org, IReadOnlyList<DepartmentFigures> Departments);

public sealed record CaseFigures(long Registered, long Settled, long PartiallySettled, long Failed, double? SuccessRate, long OverdueOpen);

public sealed record MediationFigures(string Org, CaseFigures Total);
