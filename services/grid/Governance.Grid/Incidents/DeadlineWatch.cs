using Governance.Contracts.Grid;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Scans;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Incidents;

/// <summary>
/// Gives each running step its yellow warning when <see cref="IncidentLedger.WarnAtShare"/> of its
/// time has gone and its red one at the deadline (with <see cref="IncidentOverdue"/>), then applies
/// the escalation rules for the responsible centre's level × category × urgency × step. Each
/// incident is saved on its own; one changed meanwhile is left for the next scan.
/// </summary>
public sealed class DeadlineWatch(IncidentLedger ledger, IncidentCoordination coordination) : IPeriodicScan
{
    public const int BatchSize = 500;

    /// <summary>One scan; returns how many incidents got a warning.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        var db = ledger.Db;
        var now = ledger.Now;
        var due = await db.Incidents
            .Where(i => i.StepDueAt != null && ((i.Warning == "none" && i.StepWarnAt <= now) || (i.Warning != "red" && i.StepDueAt <= now)))
            .OrderBy(i => i.StepWarnAt).Take(BatchSize).ToListAsync(ct);
        var rules = await db.EscalationRules.AsNoTracking().ToListAsync(ct);
        var warned = 0;
        foreach (var incident in due)
        {
            var red = incident.StepDueAt <= now;
            var step = incident.Step!;
            var department = step is "accept" or "handle" ? incident.DepartmentId : null;
            incident.Warning = red ? "red" : "yellow";
            db.AddToOutbox(new IncidentDeadlineWarning(incident.Id, incident.Number, step, incident.Warning, department, incident.OrgPath, incident.StepDueAt!.Value, now), incident.Id.ToString());
            ledger.Note(incident, "system", red ? "overdue" : "deadline-near", $"{step} due {incident.StepDueAt:O}");
            if (red)
            {
                incident.WasOverdue = true;
                db.AddToOutbox(new IncidentOverdue(incident.Id, incident.Number, step, department, incident.OrgPath, incident.StepDueAt!.Value, now), incident.Id.ToString());
                var level = await db.OrgNodes.Where(n => n.Path == incident.ResponsibleOrgPath).Select(n => n.Level).FirstOrDefaultAsync(ct);
                var rule = rules.FirstOrDefault(r => level is not null && r.Matches(level, incident.Category, incident.Urgency, step));
                if (rule is not null && incident.ResponsibleOrgPath.Contains('/'))
                    coordination.Escalate(incident, "system", $"escalation rule {rule.Id}: {step} overdue at the {level}");
            }
            try
            {
                await db.SaveChangesAsync(ct);
                warned++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone moved it on meanwhile: its new step has a new clock, judged next scan.
                db.ChangeTracker.Clear();
            }
        }
        return warned;
    }
}
