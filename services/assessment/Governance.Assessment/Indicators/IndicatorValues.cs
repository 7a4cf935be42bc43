using Governance.Assessment.Data;
using Governance.Assessment.Facts;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Indicators;

/// <summary>
/// What an indicator is measured over: a department (its own incidents; for org measures, its org node's subtree) or
/// an org subtree (everything within it).
/// </summary>
/// <param name="DepartmentId">The department, when one is measured.</param>
/// <param name="OrgPath">The subtree: the department's org node, or the node asked for.</param>
public sealed record Subject(string? DepartmentId, string OrgPath);

/// <summary>A record behind an indicator: its id, human reference and where its service shows it.</summary>
public sealed record RecordRef(string Id, string Number, string Link);

/// <summary>An indicator's value for a subject and period, with the records its numerator and denominator count.</summary>
/// <param name="Value">The rate (numerator ÷ denominator, four places), or the count; null for a rate with nothing to count.</param>
public sealed record IndicatorValue(string Code, string Name, string Measure, string Kind, string Better, decimal? Value, int Numerator, int? Denominator,
    IReadOnlyList<RecordRef> NumeratorRecords, IReadOnlyList<RecordRef>? DenominatorRecords);

/// <summary>
/// Computes indicators from the facts (ADR 0013 §3): each measure is one query over one fact table, filtered by the
/// period (China-time date of the deciding event) and the subject; the same query gives the record ids, so a value and
/// its drill-down never disagree.
/// </summary>
public sealed class IndicatorValues(AssessmentDb db, TimeProvider clock)
{
    public async Task<IndicatorValue> ComputeAsync(IndicatorDefinition indicator, Subject subject, Period period, CancellationToken ct)
    {
        var measure = Measure.Find(indicator.Measure) ?? throw new InvalidOperationException($"Indicator {indicator.Code} names no known measure.");
        if (Inputs.InputMeasures.Handles(measure.Key))
        {
            var t = await new Inputs.InputMeasures(db, clock).TallyAsync(measure, subject, period, ct);
            decimal? per = t.Denominator > 0 ? Math.Round((decimal)t.Numerator / t.Denominator, 4, MidpointRounding.AwayFromZero) : null;
            return new IndicatorValue(indicator.Code, indicator.Name, measure.Key, measure.Kind, measure.Better, per, t.Numerator, t.Denominator,
                t.NumeratorRecords, t.DenominatorRecords);
        }
        if (Manual.ManualMeasure.Handles(measure.Key)) return await Manual.ManualMeasure.ComputeAsync(db, indicator, measure, subject, period, ct);
        if (measure.Key == Tasks.TaskMeasure.Key) return await Tasks.TaskMeasure.ComputeAsync(db, indicator, subject, period, ct);
        var (numerator, denominator) = await RecordsAsync(measure, subject, period, ct);
        decimal? value = measure.Kind == Measure.Count ? numerator.Count
            : denominator is { Count: > 0 } ? Math.Round((decimal)numerator.Count / denominator.Count, 4, MidpointRounding.AwayFromZero) : null;
        return new IndicatorValue(indicator.Code, indicator.Name, measure.Key, measure.Kind, measure.Better, value, numerator.Count, denominator?.Count,
            numerator, denominator);
    }

    private async Task<(List<RecordRef> Numerator, List<RecordRef>? Denominator)> RecordsAsync(Measure measure, Subject subject, Period period, CancellationToken ct)
    {
        var (from, to) = (period.StartUtc, period.EndUtc);
        switch (measure.Key)
        {
            case "incident_on_time" or "incident_rework" or "incident_extension":
            {
                var closed = await Incidents(subject).Where(f => f.ClosedAt >= from && f.ClosedAt < to)
                    .Select(f => new { f.IncidentId, f.Number, f.OnTime, f.Reworks, f.Extensions }).ToListAsync(ct);
                closed = [.. closed.OrderBy(f => f.Number, StringComparer.Ordinal).ThenBy(f => f.IncidentId)];
                var counted = measure.Key switch
                {
                    "incident_on_time" => closed.Where(f => f.OnTime),
                    "incident_rework" => closed.Where(f => f.Reworks > 0),
                    _ => closed.Where(f => f.Extensions > 0),
                };
                return ([.. counted.Select(f => Incident(f.IncidentId, f.Number))], [.. closed.Select(f => Incident(f.IncidentId, f.Number))]);
            }
            case "incident_satisfied":
            {
                var evaluated = await Incidents(subject).Where(f => f.EvaluatedAt >= from && f.EvaluatedAt < to && f.Satisfaction != null)
                    .Select(f => new { f.IncidentId, f.Number, f.Satisfaction }).ToListAsync(ct);
                evaluated = [.. evaluated.OrderBy(f => f.Number, StringComparer.Ordinal).ThenBy(f => f.IncidentId)];
                return ([.. evaluated.Where(f => f.Satisfaction >= 4).Select(f => Incident(f.IncidentId, f.Number))],
                    [.. evaluated.Select(f => Incident(f.IncidentId, f.Number))]);
            }
            case "incident_misdispatch_returns":
            {
                var returns = db.Returns.AsNoTracking().Where(r => r.Role == "lead" && r.ReturnedAt >= from && r.ReturnedAt < to);
                returns = subject.DepartmentId is { } d ? returns.Where(r => r.DepartmentId == d) : returns.WithinSubtree(r => r.OrgPath, subject.OrgPath);
                var rows = await returns.Select(r => new { r.IncidentId, r.Number, r.Round }).ToListAsync(ct);
                return ([.. rows.OrderBy(r => r.Number, StringComparer.Ordinal).ThenBy(r => r.Round).Select(r => Incident(r.IncidentId, r.Number))], null);
            }
            case "dispute_success" or "dispute_settled_low_level":
            {
                string[] counted = measure.Key == "dispute_success"
                    ? [Outcomes.Settled, Outcomes.PartiallySettled, Outcomes.Failed]
                    : [Outcomes.Settled, Outcomes.PartiallySettled];
                var ended = await db.Disputes.AsNoTracking().WithinSubtree(f => f.OrgPath, subject.OrgPath)
                    .Where(f => f.OutcomeAt >= from && f.OutcomeAt < to && counted.Contains(f.Outcome!))
                    .Select(f => new { f.CaseId, f.Number, f.Outcome, f.OutcomeLevel }).ToListAsync(ct);
                ended = [.. ended.OrderBy(f => f.Number, StringComparer.Ordinal).ThenBy(f => f.CaseId)];
                var numerator = measure.Key == "dispute_success"
                    ? ended.Where(f => f.Outcome is Outcomes.Settled or Outcomes.PartiallySettled)
                    : ended.Where(f => f.OutcomeLevel is "grid" or "community");
                return ([.. numerator.Select(f => Dispute(f.CaseId, f.Number))], [.. ended.Select(f => Dispute(f.CaseId, f.Number))]);
            }
            case "dispute_overdue":
                return ([.. await OverdueDisputesAsync(subject, from, to, ct)], null);
            case "alert_ack_on_time":
            {
                var acknowledged = await db.Alerts.AsNoTracking().WithinSubtree(f => f.OrgPath, subject.OrgPath)
                    .Where(f => f.AcknowledgedAt >= from && f.AcknowledgedAt < to)
                    .Select(f => new { f.AlertId, f.DeviceId, f.Late }).ToListAsync(ct);
                acknowledged = [.. acknowledged.OrderBy(f => f.AlertId)];
                return ([.. acknowledged.Where(f => !f.Late).Select(f => Alert(f.AlertId, f.DeviceId))], [.. acknowledged.Select(f => Alert(f.AlertId, f.DeviceId))]);
            }
            case "rental_inspection_on_time":
            {
                var made = await db.Inspections.AsNoTracking().WithinSubtree(f => f.OrgPath, subject.OrgPath)
                    .Where(f => f.InspectedAt >= from && f.InspectedAt < to)
                    .Select(f => new { f.InspectionId, f.HouseId, f.InspectedOn, f.OnTime }).ToListAsync(ct);
                made = [.. made.OrderBy(f => f.InspectedOn).ThenBy(f => f.InspectionId)];
                return ([.. made.Where(f => f.OnTime).Select(f => Inspection(f.HouseId, f.InspectionId, f.InspectedOn))],
                    [.. made.Select(f => Inspection(f.HouseId, f.InspectionId, f.InspectedOn))]);
            }
            default:
                throw new InvalidOperationException($"Measure {measure.Key} has no query.");
        }
    }

    /// <summary>
    /// The cases of the subtree that went past a level's deadline falling in [from, to): a placement (<see cref="DisputeDeadline"/>)
    /// is overdue when its deadline came before whatever ended it — the next placement (an escalation, which the deadline scan
    /// makes just after the deadline, or an acknowledged referral), the case's ending, or, while neither has happened, now.
    /// Decided from the rows as they are, so any arrival order of the events gives the same answer; a case counts once a period.
    /// </summary>
    private async Task<IEnumerable<RecordRef>> OverdueDisputesAsync(Subject subject, DateTime from, DateTime to, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cases = await db.Disputes.AsNoTracking().WithinSubtree(f => f.OrgPath, subject.OrgPath)
            .Where(f => db.DisputeDeadlines.Any(d => d.CaseId == f.CaseId && d.DueAt >= from && d.DueAt < to && d.DueAt < now))
            .Select(f => new { f.CaseId, f.Number, f.OutcomeAt }).ToListAsync(ct);
        var ids = cases.Select(c => c.CaseId).ToList();
        var placements = (await db.DisputeDeadlines.AsNoTracking().Where(d => ids.Contains(d.CaseId)).ToListAsync(ct))
            .GroupBy(d => d.CaseId).ToDictionary(g => g.Key, g => g.OrderBy(d => d.PlacedAt).ToList());
        bool Overdue(Guid caseId, DateTime? endedAt)
        {
            var list = placements[caseId];
            for (var i = 0; i < list.Count; i++)
            {
                var p = list[i];
                if (p.DueAt < from || p.DueAt >= to) continue;
                var left = i + 1 < list.Count ? list[i + 1].PlacedAt : (DateTime?)null;
                if (endedAt is { } e && e >= p.PlacedAt && (left is null || e < left)) left = e;
                if (p.DueAt < (left ?? now)) return true;
            }
            return false;
        }
        return cases.Where(c => Overdue(c.CaseId, c.OutcomeAt)).OrderBy(c => c.Number, StringComparer.Ordinal).ThenBy(c => c.CaseId)
            .Select(c => Dispute(c.CaseId, c.Number));
    }

    // Incident measures count the department's own incidents (the one answerable for each), or every incident in the subtree.
    private IQueryable<IncidentFact> Incidents(Subject subject)
    {
        var incidents = db.Incidents.AsNoTracking();
        return subject.DepartmentId is { } d ? incidents.Where(f => f.DepartmentId == d) : incidents.WithinSubtree(f => f.OrgPath, subject.OrgPath);
    }

    private static RecordRef Incident(Guid id, string number) => new(id.ToString(), number, $"/api/grid/incidents/{id}");
    private static RecordRef Dispute(Guid id, string number) => new(id.ToString(), number, $"/api/mediation/cases/{id}");
    private static RecordRef Alert(Guid id, string deviceId) => new(id.ToString(), deviceId, $"/api/videoalert/alerts/{id}");
    // The inspection belongs to its rental house, which population shows by house id; its reference is the day it was made.
    private static RecordRef Inspection(Guid houseId, Guid id, DateOnly on) =>
        new(id.ToString(), on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"/api/population/houses/{houseId}");
}
