namespace Governance.Population.Care;

/// <summary>What the assigning leader learns of a case: its id and who holds it, never its content.</summary>
public sealed record AssignmentView(Guid CaseId, string WorkerId, DateTime AssignedAt);

/// <summary>
/// A case that came with its person from another community, for the leader who assigns its worker here: where it lies
/// and whose it was, nothing of its content or its person.
/// </summary>
public sealed record ArrivalView(Guid CaseId, string Category, string OrgPath, string ArrivedFrom, DateOnly ArrivedOn, string WorkerId);

/// <summary>A case in its worker's list and due list.</summary>
public sealed record CaseSummaryView(Guid Id, Guid PersonId, string PersonName, string Category, string OrgPath, DateOnly OpenedOn,
    DateOnly? ClosedOn, DateOnly? NextVisitDue, bool Overdue);

/// <summary>A case with its visits (newest first) and its assignments, for its worker only.</summary>
public sealed record CaseView(Guid Id, Guid PersonId, string PersonName, string Category, string OrgPath, DateOnly OpenedOn, string OpenedBy,
    DateOnly? ClosedOn, string? ClosingReason, string WorkerId, int VisitIntervalDays, DateOnly? NextVisitDue,
    IReadOnlyList<VisitView> Visits, IReadOnlyList<AssignmentHistoryView> Assignments);

public sealed record VisitView(Guid Id, DateOnly VisitedOn, string Kind, string Findings, string? NextStep, string RecordedBy, DateTime RecordedAt);

public sealed record AssignmentHistoryView(string WorkerId, string AssignedBy, DateTime AssignedAt, string? Reason);

/// <summary>A visit recorded (or found recorded, when <c>Replayed</c>), and when the next one is due.</summary>
public sealed record RecordedVisitView(Guid VisitId, Guid CaseId, DateOnly? NextVisitDue, bool Replayed);

/// <summary>A case's state after its worker changed it.</summary>
public sealed record CaseStateView(Guid Id, DateOnly? ClosedOn, int VisitIntervalDays, DateOnly? NextVisitDue);

/// <summary>Open cases of one category in one community: <c>Count</c> null and <c>Shown</c> "&lt;10" when withheld.</summary>
public sealed record CareFigureView(string Community, string Category, int? Count, string Shown);

public sealed record CareCaseReadView(long Id, Guid CaseId, string OrgPath, string Reader, string? ReaderClient, DateTime At, string Action,
    IReadOnlyList<string> Fields, string Purpose, string? PurposeNote);
