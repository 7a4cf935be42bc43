namespace Governance.Contracts.Grid;

// Incident events carry ids, codes and states, never what a resident said or who they are: a
// consumer that needs the description asks the grid service with its own token.
// Common parameters: IncidentId is stable; Number is the human reference (e.g. 20261123-000042);
// OrgPath is where the incident lies (its grid's org path); OccurredAt is UTC.

/// <summary>Every step of the closed loop, whatever it was: a timeline consumers can follow without knowing each event.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Number">Its human reference.</param>
/// <param name="Action">report, register, reject, dispatch, redispatch, return, accept, feedback, verify, verify-failed, close, evaluate, extend, escalate, merge, hand-over;
/// assist-accept, assist-feedback and assist-return for an assisting department's part (the state does not change);
/// and for a dispute in mediation mediation-registered, -escalated, -settled, -partially-settled, -failed, -withdrawn, -declined, -follow-up.</param>
/// <param name="FromState">The state before, empty for a report.</param>
/// <param name="ToState">The state after.</param>
/// <param name="OrgPath">Where the incident lies.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record IncidentTransitioned(Guid IncidentId, string Number, string Action, string FromState, string ToState, string OrgPath, DateTime OccurredAt);

/// <summary>An incident was reported.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Number">Its human reference.</param>
/// <param name="Source">patrol, citizen, hotline, video_alert or department.</param>
/// <param name="Category">The category code.</param>
/// <param name="Urgency">normal, urgent or critical.</param>
/// <param name="GridCode">The grid the location lies in.</param>
/// <param name="OrgPath">Where the incident lies.</param>
/// <param name="OccurredAt">When, in UTC.</param>
/// <param name="ReportedByStaff">The user id of the staff member (a grid worker on patrol, a department's handler, a hotline operator) or the
/// service account that reported it, so assessment can count each grid worker's valid reports; null for a citizen's report, whose reporter
/// never travels in events.</param>
public sealed record IncidentReported(Guid IncidentId, string Number, string Source, string Category, string Urgency, string GridCode, string OrgPath, DateTime OccurredAt,
    string? ReportedByStaff = null);

/// <summary>An incident was registered (立案): it is a case the centre will carry to its end.</summary>
public sealed record IncidentRegistered(Guid IncidentId, string Number, string Category, string Urgency, string OrgPath, DateTime OccurredAt);

/// <summary>An incident was dispatched to a department, which must accept it by <paramref name="AcceptBy"/>.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Number">Its human reference.</param>
/// <param name="DepartmentId">The department it was dispatched to.</param>
/// <param name="Category">The category code.</param>
/// <param name="Urgency">normal, urgent or critical.</param>
/// <param name="OrgPath">Where the incident lies.</param>
/// <param name="AcceptBy">The deadline to accept it.</param>
/// <param name="Rework">0 for the first dispatch; n after n failed verifications.</param>
/// <param name="OccurredAt">When, in UTC.</param>
/// <param name="Round">Which dispatch of the incident this is: 1 for the first, one more for each re-dispatch (改派) or rework.</param>
/// <param name="AssistingDepartmentIds">The assisting departments (协办) of this dispatch; <paramref name="DepartmentId"/> leads (主办). Empty when none.</param>
public sealed record IncidentDispatched(Guid IncidentId, string Number, string DepartmentId, string Category, string Urgency, string OrgPath, DateTime AcceptBy, int Rework,
    DateTime OccurredAt, int Round = 1, IReadOnlyList<string>? AssistingDepartmentIds = null);

/// <summary>Responsibility for an incident moved up the org tree (a rule at a deadline, or a centre's decision).</summary>
public sealed record IncidentEscalated(Guid IncidentId, string Number, string FromOrgPath, string ToOrgPath, string Reason, DateTime OccurredAt);

/// <summary>An incident was closed (结案).</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Number">Its human reference.</param>
/// <param name="OrgPath">Where the incident lies.</param>
/// <param name="DepartmentId">The department that handled it, if one did.</param>
/// <param name="OnTime">True when no step went past its deadline.</param>
/// <param name="Reworks">How many verifications failed.</param>
/// <param name="Extensions">How many extensions were granted.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record IncidentClosed(Guid IncidentId, string Number, string OrgPath, string? DepartmentId, bool OnTime, int Reworks, int Extensions, DateTime OccurredAt);

/// <summary>A closed incident was evaluated by its reporter or the centre (1 = very dissatisfied … 5 = very satisfied).</summary>
public sealed record IncidentEvaluated(Guid IncidentId, string Number, string OrgPath, int Satisfaction, string EvaluatedBy, DateTime OccurredAt);

/// <summary>A step's deadline is near (yellow) or passed (red).</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Number">Its human reference.</param>
/// <param name="Step">register, dispatch, accept, handle or verify.</param>
/// <param name="Level">yellow (near) or red (passed).</param>
/// <param name="DepartmentId">The department responsible for the step, when it is one.</param>
/// <param name="OrgPath">Where the incident lies.</param>
/// <param name="DueAt">The step's deadline.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record IncidentDeadlineWarning(Guid IncidentId, string Number, string Step, string Level, string? DepartmentId, string OrgPath, DateTime DueAt, DateTime OccurredAt);

/// <summary>A step went past its deadline (the red warning, as its own event for consumers that count overdue work).</summary>
public sealed record IncidentOverdue(Guid IncidentId, string Number, string Step, string? DepartmentId, string OrgPath, DateTime DueAt, DateTime OccurredAt);

/// <summary>A dispute found in the grid was handed over to mediation.</summary>
/// <param name="IncidentId">The incident the dispute came from.</param>
/// <param name="Number">Its human reference.</param>
/// <param name="GridCode">The grid it lies in.</param>
/// <param name="OrgPath">Where it lies.</param>
/// <param name="Category">The incident's category code.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record DisputeHandedOver(Guid IncidentId, string Number, string GridCode, string OrgPath, string Category, DateTime OccurredAt);
