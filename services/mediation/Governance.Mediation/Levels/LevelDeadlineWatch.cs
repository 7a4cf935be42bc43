using Governance.Mediation.Cases;
using Microsoft.EntityFrameworkCore;
using Governance.ServiceDefaults.Scans;

namespace Governance.Mediation.Levels;

/// <summary>
/// Escalates every open case whose level's deadline has passed (a referred case waits for its
/// acknowledgment; a county case has nowhere to go). Each case is saved on its own; one changed
/// meanwhile is left for the next scan.
/// </summary>
public sealed class LevelDeadlineWatch(CaseLedger ledger, CaseEscalation escalation) : IPeriodicScan
{
    public const int BatchSize = 500;

    /// <summary>One scan; returns how many cases escalated.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        var now = ledger.Now;
        var due = await ledger.Db.Cases
            .Where(c => c.LevelDueAt <= now && c.Level != MediationLevel.County && (c.State == CaseState.Registered || c.State == CaseState.InMediation))
            .OrderBy(c => c.LevelDueAt).Take(BatchSize).ToListAsync(ct);
        var escalated = 0;
        foreach (var dispute in due)
        {
            await escalation.EscalateAsync(dispute, "system", $"the {CaseLedger.Name(dispute.Level)} level's deadline {dispute.LevelDueAt:O} passed unsettled", ct);
            try
            {
                await ledger.Db.SaveChangesAsync(ct);
                escalated++;
            }
            catch (DbUpdateConcurrencyException)
            {
                ledger.Db.ChangeTracker.Clear();
            }
        }
        return escalated;
    }
}

/// <summary>Deadline scan settings. JSON shape: <code>"Mediation": { "Levels": { "DeadlineScanInterval": "00:01:00" } }</code></summary>
public sealed class LevelOptions
{
    public const string Section = "Mediation:Levels";
    public TimeSpan DeadlineScanInterval { get; set; } = TimeSpan.FromMinutes(1);
}
