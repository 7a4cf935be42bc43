using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Scans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Population.Floating;

/// <summary>
/// Records a reminder for each new citizen whose residence permit runs out within <see cref="FloatingOptions.ReminderDays"/>
/// days (China date), once per permit and expiry: a second run, or a second replica at once, records nothing more.
/// </summary>
public sealed class PermitReminderScan(PopulationDb db, IOptions<FloatingOptions> options, TimeProvider clock) : IPeriodicScan
{
    private const int Batch = 500;

    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var today = PersonNames.Today(clock);
        var horizon = today.AddDays(options.Value.ReminderDays);
        var recorded = 0;
        while (true)
        {
            var due = await db.Persons.AsNoTracking()
                .Where(p => p.ResidenceStatus == ResidenceStatus.Floating && p.PermitValidUntil != null && p.PermitValidUntil >= today && p.PermitValidUntil <= horizon)
                .Where(p => !db.Set<PermitReminder>().Any(r => r.PersonId == p.Id && r.ValidUntil == p.PermitValidUntil))
                .OrderBy(p => p.Id).Take(Batch).Select(p => new { p.Id, p.PermitValidUntil, p.OrgPath }).ToListAsync(cancellationToken);
            if (due.Count == 0) return recorded;
            foreach (var p in due)
            {
                db.Set<PermitReminder>().Add(new PermitReminder { PersonId = p.Id, ValidUntil = p.PermitValidUntil!.Value, OrgPath = p.OrgPath, RecordedAt = clock.GetUtcNow().UtcDateTime });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    recorded++;
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation())
                {
                    // Recorded by another run meanwhile: once is enough.
                }
                db.ChangeTracker.Clear();
            }
        }
    }
}
