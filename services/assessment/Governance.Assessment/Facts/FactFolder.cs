using Governance.Assessment.Data;
using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Contracts.Population;
using Governance.Contracts.VideoAlert;
using Governance.Messaging.OrgPaths;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Facts;

/// <summary>
/// Folds one event into the facts (ADR 0013 §2). Each field is set by the event that owns it, and where two events own
/// one field the newer by (occurred-at, message id) wins (<see cref="Stamp"/>); totals are the producer's
/// (<c>IncidentClosed.Reworks</c>, a dispatch's round), never a count of deliveries; a return is keyed by what it is.
/// So folding the same events in any order, any number of times, gives the same rows: live consumers and replay
/// share this code.
/// </summary>
internal sealed class FactFolder(AssessmentDb db)
{
    /// <summary>
    /// Replay loads a batch's rows before folding it: then a row not loaded does not exist, and looking it up asks the
    /// change tracker only, not the database once per record.
    /// </summary>
    public bool Preloaded { get; set; }

    /// <summary>Identity's org moves as logged here, read once per folder (a handful of rows; a batch shares them).</summary>
    private List<OrgMove>? _moves;

    /// <summary>
    /// Where an event's org path lies now, so that a late event, one published before its producer followed the move, or one
    /// replayed from the log, lands where the live facts were moved to (AssessmentOrgPaths). As OrgMoves.FollowMovesAsync:
    /// from the first move that took the path (or an ancestor) away, every move after it in identity's order, whenever the
    /// event happened; sound because identity never gives a path twice.
    /// </summary>
    private async ValueTask<string> NowAsync(string path, CancellationToken ct)
    {
        _moves ??= await db.Set<OrgMove>().AsNoTracking().OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).ToListAsync(ct);
        var first = _moves.FindIndex(m => OrgMoves.IsWithin(path, m.OldPath));
        return first < 0 ? path : OrgMoves.Follow(path, _moves.Skip(first));
    }

    public async Task FoldAsync(object message, Guid messageId, CancellationToken ct)
    {
        switch (message)
        {
            case IncidentDispatched e:
            {
                var f = await IncidentAsync(e.IncidentId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct);
                var at = Stamp.Normal(e.OccurredAt);
                if (Stamp.Wins(at, messageId, f.DepartmentAt, f.DepartmentMessage))
                    (f.DepartmentId, f.DepartmentAt, f.DepartmentMessage) = (e.DepartmentId, at, messageId);
                if (f.FirstDispatchedAt is not { } first || at < first) f.FirstDispatchedAt = at;
                f.Dispatches = Math.Max(f.Dispatches, e.Round);
                break;
            }
            case IncidentReturned e:
            {
                await IncidentAsync(e.IncidentId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct);
                var at = Stamp.Normal(e.OccurredAt);
                var orgPath = await NowAsync(e.OrgPath, ct);
                var r = await FindAsync<ReturnFact>(ct, e.IncidentId, e.Round, e.DepartmentId);
                if (r is null)
                    db.Returns.Add(new ReturnFact
                    {
                        IncidentId = e.IncidentId, Round = e.Round, DepartmentId = e.DepartmentId, Number = e.Number, Role = e.Role, OrgPath = orgPath,
                        ReturnedAt = at, ReturnedMessage = messageId,
                    });
                else if (Stamp.Wins(at, messageId, r.ReturnedAt, r.ReturnedMessage))
                {
                    (r.Number, r.Role, r.OrgPath, r.ReturnedAt, r.ReturnedMessage) = (e.Number, e.Role, orgPath, at, messageId);
                    r.Revision++;
                }
                break;
            }
            case IncidentClosed e:
            {
                var f = await IncidentAsync(e.IncidentId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct);
                var at = Stamp.Normal(e.OccurredAt);
                if (e.DepartmentId is not null && Stamp.Wins(at, messageId, f.DepartmentAt, f.DepartmentMessage))
                    (f.DepartmentId, f.DepartmentAt, f.DepartmentMessage) = (e.DepartmentId, at, messageId);
                if (Stamp.Wins(at, messageId, f.ClosedAt, f.ClosedMessage))
                    (f.ClosedAt, f.ClosedMessage, f.OnTime, f.Reworks, f.Extensions) = (at, messageId, e.OnTime, e.Reworks, e.Extensions);
                break;
            }
            case IncidentEvaluated e:
            {
                var f = await IncidentAsync(e.IncidentId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct);
                var at = Stamp.Normal(e.OccurredAt);
                if (Stamp.Wins(at, messageId, f.EvaluatedAt, f.EvaluatedMessage))
                    (f.Satisfaction, f.EvaluatedAt, f.EvaluatedMessage) = (e.Satisfaction, at, messageId);
                break;
            }
            case DisputeRegistered e:
            {
                var f = await DisputeAsync(e.CaseId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct);
                var at = Stamp.Normal(e.OccurredAt);
                if (f.RegisteredAt is not { } registered || at < registered) (f.RegisteredAt, f.StartLevel) = (at, e.Level);
                SetLevel(f, e.Level, at, messageId);
                await PlacedAsync(e.CaseId, at, e.LevelDueAt, ct);
                break;
            }
            case DisputeEscalated e:
                SetLevel(await DisputeAsync(e.CaseId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct), e.ToLevel, Stamp.Normal(e.OccurredAt), messageId);
                await PlacedAsync(e.CaseId, Stamp.Normal(e.OccurredAt), e.LevelDueAt, ct);
                break;
            case DisputeReferralAcknowledged e:
                // The receiving body's level (not in the event) starts its own deadline; only the placement is folded.
                await DisputeAsync(e.CaseId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct);
                await PlacedAsync(e.CaseId, Stamp.Normal(e.OccurredAt), e.LevelDueAt, ct);
                break;
            case DisputeSettled e:
            {
                var f = await DisputeAsync(e.CaseId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct);
                SetLevel(f, e.Level, Stamp.Normal(e.OccurredAt), messageId);
                SetOutcome(f, e.Partial ? Outcomes.PartiallySettled : Outcomes.Settled, e.Level, Stamp.Normal(e.OccurredAt), messageId);
                break;
            }
            case DisputeMediationFailed e:
            {
                var f = await DisputeAsync(e.CaseId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct);
                // Below the county the case went up a level in the same step (its DisputeEscalated says where): no ending.
                if (!e.Escalated) SetOutcome(f, Outcomes.Failed, e.Level, Stamp.Normal(e.OccurredAt), messageId);
                break;
            }
            case DisputeDeclined e:
                SetOutcome(await DisputeAsync(e.CaseId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct), Outcomes.Declined, e.Level,
                    Stamp.Normal(e.OccurredAt), messageId);
                break;
            case DisputeWithdrawn e:
                SetOutcome(await DisputeAsync(e.CaseId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct), Outcomes.Withdrawn, e.Level,
                    Stamp.Normal(e.OccurredAt), messageId);
                break;
            case AlertRaised e:
            {
                var f = await AlertAsync(e.AlertId, e.DeviceId, e.OrgPath, e.OccurredAt, messageId, ct);
                var at = Stamp.Normal(e.OccurredAt);
                if (f.RaisedAt is not { } raised || at < raised) f.RaisedAt = at;
                break;
            }
            case AlertRouted e:
            {
                var f = await AlertAsync(e.AlertId, e.DeviceId, e.OrgPath, e.OccurredAt, messageId, ct);
                var at = Stamp.Normal(e.OccurredAt);
                if (Stamp.Wins(at, messageId, f.RoutedAt, f.RoutedMessage))
                    (f.AckDeadline, f.RoutedAt, f.RoutedMessage) = (e.AckDeadline is { } d ? Stamp.Normal(d) : null, at, messageId);
                break;
            }
            case AlertAcknowledged e:
            {
                var f = await AlertAsync(e.AlertId, e.DeviceId, e.OrgPath, e.OccurredAt, messageId, ct);
                var at = Stamp.Normal(e.OccurredAt);
                if (Stamp.Wins(at, messageId, f.AcknowledgedAt, f.AcknowledgedMessage))
                    (f.AcknowledgedAt, f.AcknowledgedMessage, f.Late) = (at, messageId, e.Late);
                break;
            }
            case RentalInspected e:
                // An inspection is made once and never changes: the first delivery sets its row, any other finds it there.
                if (await FindAsync<InspectionFact>(ct, e.InspectionId) is null)
                    db.Inspections.Add(new InspectionFact
                    {
                        InspectionId = e.InspectionId, HouseId = e.HouseId, OrgPath = await NowAsync(e.OrgPath, ct), InspectedOn = e.InspectedOn, DueBy = e.DueBy,
                        OnTime = e.OnTime, InspectedAt = Stamp.StartOfChinaDay(e.InspectedOn),
                    });
                break;
            default:
                // Grid workers' reports and staffing, cameras (Inputs/); anything else is logged for later indicators (EventTypes).
                await new Inputs.InputFolder(db, Preloaded, NowAsync).FoldAsync(message, messageId, ct);
                break;
        }
    }

    private async Task<IncidentFact> IncidentAsync(Guid id, string number, string orgPath, DateTime occurredAt, Guid messageId, CancellationToken ct)
    {
        var f = await FindAsync<IncidentFact>(ct, id);
        if (f is null) db.Incidents.Add(f = new IncidentFact { IncidentId = id });
        else f.Revision++;
        orgPath = await NowAsync(orgPath, ct);
        var at = Stamp.Normal(occurredAt);
        if (Stamp.Wins(at, messageId, f.OrgAt, f.OrgMessage)) (f.Number, f.OrgPath, f.OrgAt, f.OrgMessage) = (number, orgPath, at, messageId);
        return f;
    }

    private async Task<DisputeFact> DisputeAsync(Guid id, string number, string orgPath, DateTime occurredAt, Guid messageId, CancellationToken ct)
    {
        var f = await FindAsync<DisputeFact>(ct, id);
        if (f is null) db.Disputes.Add(f = new DisputeFact { CaseId = id });
        else f.Revision++;
        orgPath = await NowAsync(orgPath, ct);
        var at = Stamp.Normal(occurredAt);
        if (Stamp.Wins(at, messageId, f.OrgAt, f.OrgMessage)) (f.Number, f.OrgPath, f.OrgAt, f.OrgMessage) = (number, orgPath, at, messageId);
        return f;
    }

    private async Task<AlertFact> AlertAsync(Guid id, string deviceId, string orgPath, DateTime occurredAt, Guid messageId, CancellationToken ct)
    {
        var f = await FindAsync<AlertFact>(ct, id);
        if (f is null) db.Alerts.Add(f = new AlertFact { AlertId = id });
        else f.Revision++;
        orgPath = await NowAsync(orgPath, ct);
        var at = Stamp.Normal(occurredAt);
        if (Stamp.Wins(at, messageId, f.OrgAt, f.OrgMessage)) (f.DeviceId, f.OrgPath, f.OrgAt, f.OrgMessage) = (deviceId, orgPath, at, messageId);
        return f;
    }

    /// <summary>A placement at a level with its deadline: one row per case and time placed, whoever delivers it first.</summary>
    private async Task PlacedAsync(Guid caseId, DateTime placedAt, DateTime? dueAt, CancellationToken ct)
    {
        // Events from before mediation published deadlines carry none: such a placement can never count as overdue.
        if (dueAt is not { } due || await FindAsync<DisputeDeadline>(ct, caseId, placedAt) is not null) return;
        db.DisputeDeadlines.Add(new DisputeDeadline { CaseId = caseId, PlacedAt = placedAt, DueAt = Stamp.Normal(due) });
    }

    private static void SetLevel(DisputeFact f, string level, DateTime at, Guid messageId)
    {
        if (Stamp.Wins(at, messageId, f.LevelAt, f.LevelMessage)) (f.Level, f.LevelAt, f.LevelMessage) = (level, at, messageId);
    }

    private static void SetOutcome(DisputeFact f, string outcome, string level, DateTime at, Guid messageId)
    {
        if (Stamp.Wins(at, messageId, f.OutcomeAt, f.OutcomeMessage))
            (f.Outcome, f.OutcomeLevel, f.OutcomeAt, f.OutcomeMessage) = (outcome, level, at, messageId);
    }

    private async ValueTask<T?> FindAsync<T>(CancellationToken ct, params object[] key) where T : class =>
        Preloaded ? db.Set<T>().Local.FindEntryUntyped(key)?.Entity : await db.Set<T>().FindAsync(key, ct);
}
