using Governance.Assessment.Data;
using Governance.Assessment.Events;
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
        Guid[] Ids(string kind) => [.. batch.Where(e => e.RecordKind == kind).Select(e => Guid.Parse(e.RecordId)).Distinct()];
        var incidents = Ids("incident");
        var disputes = Ids("dispute");
        var alerts = Ids("alert");
        if (incidents.Length > 0)
        {
            await db.Incidents.Where(f => incidents.Contains(f.IncidentId)).LoadAsync(ct);
            await db.Returns.Where(f => incidents.Contains(f.IncidentId)).LoadAsync(ct);
        }
        if (disputes.Length > 0)
        {
            await db.Disputes.Where(f => disputes.Contains(f.CaseId)).LoadAsync(ct);
            await db.DisputeDeadlines.Where(f => disputes.Contains(f.CaseId)).LoadAsync(ct);
        }
        if (alerts.Length > 0) await db.Alerts.Where(f => alerts.Contains(f.AlertId)).LoadAsync(ct);
        var inspections = Ids("inspection");
        if (inspections.Length > 0) await db.Inspections.Where(f => inspections.Contains(f.InspectionId)).LoadAsync(ct);
        await Inputs.InputFolder.PreloadAsync(db, [.. batch], ct);
    }
}
