using Governance.Contracts.Grid;
using Governance.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Governance.Grid.Incidents.HandOver;

/// <summary>
/// Carries what mediation reports back onto the incident it came from. A handed-over incident waits
/// (<see cref="IncidentState.HandedOver"/>, open) until mediation ends, then closes (结案) with
/// <see cref="IncidentClosed"/>. Mediation ends for the grid when the case is followed up (回访, which
/// closes a settled, partially settled or failed case), withdrawn by the applicant (撤回), declined by
/// the body (不予受理), or fails at the county level, where the parties are referred to arbitration,
/// litigation or an administrative route. A settlement alone does not close it: the agreement is
/// still to be performed, and the follow-up checks that. A failure below the county escalates the case,
/// and mediation goes on at the next level.
/// Every fact is a timeline line (actor <c>mediation</c>), whatever order the facts arrive in: one that
/// comes after the incident closed (a settlement behind its own follow-up) is recorded and changes
/// nothing else. A fact told twice is taken once; an incident this service does not hold is ignored.
/// Runs inside the consumer's inbox transaction: it saves nothing itself.
/// </summary>
public sealed partial class MediationFollowing(IncidentLedger ledger, ILogger<MediationFollowing> log)
{
    public const string Actor = "mediation";

    public async Task ApplyAsync(Guid? incidentId, Guid caseId, string caseNumber, string kind, DateTime occurredAt, string? detail, bool ends, string note,
        CancellationToken ct)
    {
        if (incidentId is not { } id) return;
        var at = MediationUpdate.Microseconds(occurredAt);
        var db = ledger.Db;
        if (await db.Set<MediationUpdate>().AnyAsync(u => u.IncidentId == id && u.Kind == kind && u.OccurredAt == at, ct)) return;
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null)
        {
            UnknownIncident(log, caseNumber, id);
            return;
        }
        db.Add(new MediationUpdate
        {
            IncidentId = id, Kind = kind, OccurredAt = at, CaseId = caseId, CaseNumber = caseNumber, Detail = detail, Ends = ends, ReceivedAt = ledger.Now,
        });
        ledger.Note(incident, Actor, "mediation-" + kind.Replace('_', '-'), $"case {caseNumber}: {note}");
        if (!ends || incident.State != IncidentState.HandedOver) return;
        incident.ClosedAt = ledger.Now;
        ledger.Move(incident, Actor, "close", IncidentState.Closed, $"mediation case {caseNumber} ended ({kind.Replace('_', ' ')})");
        db.AddToOutbox(new IncidentClosed(incident.Id, incident.Number, incident.OrgPath, incident.DepartmentId, !incident.WasOverdue,
            incident.Reworks, incident.Extensions, ledger.Now), incident.Id.ToString());
        await ledger.StartStepAsync(incident, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mediation case {CaseNumber} names incident {IncidentId}, which this service does not hold; ignored")]
    private static partial void UnknownIncident(ILogger logger, string caseNumber, Guid incidentId);
}
