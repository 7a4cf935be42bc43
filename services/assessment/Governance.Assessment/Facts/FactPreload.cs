using Governance.Assessment.Data;
using Governance.Assessment.Events;
using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Facts;

/// <summary>
/// Loads the rows a batch of events folds into, one query per table, so that a <see cref="FactFolder"/> made with
/// <c>Preloaded</c> looks them up in the change tracker only: a row not loaded does not exist. Replay and the live
/// consumers' batches share it.
/// </summary>
internal static class FactPreload
{
    public static async Task LoadAsync(AssessmentDb db, IReadOnlyCollection<AssessmentEvent> batch, CancellationToken ct)
    {
        // Each table only for the events whose folds touch it: a batch of closings reads no returns, a batch of settlements
        // no deadlines (a live batch is one event type; a round trip saved is a good share of a small batch's cost).
        Guid[] Ids(string kind, params string[] types) =>
            [.. batch.Where(e => e.RecordKind == kind && (types.Length == 0 || types.Contains(e.Type))).Select(e => Guid.Parse(e.RecordId)).Distinct()];
        var incidents = Ids("incident", nameof(IncidentDispatched), nameof(IncidentReturned), nameof(IncidentClosed), nameof(IncidentEvaluated));
        if (incidents.Length > 0) await db.Incidents.Where(f => incidents.Contains(f.IncidentId)).LoadAsync(ct);
        var returned = Ids("incident", nameof(IncidentReturned));
        if (returned.Length > 0) await db.Returns.Where(f => returned.Contains(f.IncidentId)).LoadAsync(ct);
        var disputes = Ids("dispute");
        if (disputes.Length > 0) await db.Disputes.Where(f => disputes.Contains(f.CaseId)).LoadAsync(ct);
        var placed = Ids("dispute", nameof(DisputeRegistered), nameof(DisputeEscalated), nameof(DisputeReferralAcknowledged));
        if (placed.Length > 0) await db.DisputeDeadlines.Where(f => placed.Contains(f.CaseId)).LoadAsync(ct);
        var alerts = Ids("alert");
        if (alerts.Length > 0) await db.Alerts.Where(f => alerts.Contains(f.AlertId)).LoadAsync(ct);
        var inspections = Ids("inspection");
        if (inspections.Length > 0) await db.Inspections.Where(f => inspections.Contains(f.InspectionId)).LoadAsync(ct);
        await Inputs.InputFolder.PreloadAsync(db, [.. batch], ct);
    }
}
