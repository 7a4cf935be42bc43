namespace Governance.Population.Care;

/// <summary>Opening a case (care-case.assign): whose, which kind, and who holds it. <c>openedOn</c> defaults to today.</summary>
public sealed record OpenCaseRequest(Guid? PersonId, string? Category, string? WorkerId, DateOnly? OpenedOn, int? VisitIntervalDays);

/// <summary>Handing a case to another worker (care-case.assign).</summary>
public sealed record ReassignRequest(string? WorkerId, string? Reason);

/// <summary>
/// A visit, as the worker's client sends it. <c>requestId</c> is the client's own name for this visit (a UUID
/// it made when the visit was entered): sent again, it finds the visit already recorded.
/// </summary>
public sealed record VisitRequest(string? RequestId, DateOnly? VisitedOn, string? Kind, string? Findings, string? NextStep);

/// <summary>Closing a case (its worker): why, and on which day (today by default).</summary>
public sealed record CloseCaseRequest(DateOnly? ClosedOn, string? Reason);

/// <summary>The case's own visit interval, replacing the category's (its worker).</summary>
public sealed record PlanRequest(int? VisitIntervalDays);
