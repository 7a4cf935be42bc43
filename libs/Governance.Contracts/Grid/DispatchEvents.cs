namespace Governance.Contracts.Grid;

/// <summary>
/// A department returned an incident dispatched to it as not its own (退单). The lead's return sends
/// the incident back to the centre for re-dispatch (改派); an assisting department's return ends only
/// its own part. The reason stays in the grid service (it may name people); ask it with a token.
/// </summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Number">Its human reference.</param>
/// <param name="DepartmentId">The department that returned it.</param>
/// <param name="Role">lead or assisting.</param>
/// <param name="Round">Which dispatch of the incident it was (1 for the first).</param>
/// <param name="OrgPath">Where the incident lies.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record IncidentReturned(Guid IncidentId, string Number, string DepartmentId, string Role, int Round, string OrgPath, DateTime OccurredAt);
