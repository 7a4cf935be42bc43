using Governance.Contracts.Population;
using Governance.Messaging.Outbox;
using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Scans;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Rental;

/// <summary>
/// Gives a rental its grade, reason and next inspection date, and publishes <see cref="RentalGradeChanged"/>
/// (ids and codes only) with the change when, and only when, the grade changed. As a periodic scan it regrades
/// the rentals graded under another rules version than the one in effect, from their last inspection: a change
/// of the rules reaches every rental, whether it takes effect now or later, and a crash in between is caught up.
/// </summary>
public sealed class RentalGrading(PopulationDb db, RentalRuleBook book, TimeProvider clock) : IPeriodicScan
{
    private const int Batch = 200;

    /// <summary>Sets the grade of <paramref name="rental"/> (tracked) from an inspection on <paramref name="inspectedOn"/>; the caller saves.</summary>
    public void Apply(RentalHouse rental, GradeRule rule, int rulesVersion, RentalRules rules, DateOnly inspectedOn)
    {
        var previous = rental.Grade;
        rental.Grade = rule.Grade;
        rental.GradeRule = rule.Code;
        rental.RulesVersion = rulesVersion;
        rental.ReinspectBy = inspectedOn.AddDays(rules.DaysFor(rule.Grade));
        rental.Version = Guid.NewGuid();
        if (previous != rule.Grade)
            db.AddToOutbox(new RentalGradeChanged(rental.HouseId, rule.Grade, previous, rental.ReinspectBy, rental.OrgPath, clock.GetUtcNow().UtcDateTime),
                rental.HouseId.ToString());
    }

    public Task<int> ScanAsync(CancellationToken cancellationToken) => RegradeAsync(cancellationToken);

    /// <summary>Regrades every rental graded under a rules version other than the one in effect now; answers how many.</summary>
    public async Task<int> RegradeAsync(CancellationToken ct)
    {
        var inEffect = await book.InEffectAsync(clock.GetUtcNow().UtcDateTime, ct);
        var done = 0;
        var skipped = new HashSet<Guid>();
        while (true)
        {
            var ids = await db.Set<RentalHouse>().AsNoTracking().Where(r => r.Grade != null && r.RulesVersion != inEffect.Version && !skipped.Contains(r.Id))
                .OrderBy(r => r.Id).Select(r => r.Id).Take(Batch).ToListAsync(ct);
            if (ids.Count == 0) return done;
            foreach (var id in ids)
            {
                db.ChangeTracker.Clear();
                var rental = await db.Set<RentalHouse>().FirstAsync(r => r.Id == id, ct);
                var last = await db.Set<RentalInspection>().AsNoTracking().Include(i => i.Findings).Where(i => i.RentalId == id)
                    .OrderByDescending(i => i.InspectedOn).ThenByDescending(i => i.RecordedAt).FirstOrDefaultAsync(ct);
                if (last is null || rental.RulesVersion == inEffect.Version)
                {
                    skipped.Add(id);
                    continue;
                }
                var rule = inEffect.Document.Grade(last.Findings.Select(f => f.Code).ToList(), last.Agreement);
                Apply(rental, rule, inEffect.Version, inEffect.Document, last.InspectedOn);
                try
                {
                    await db.SaveChangesAsync(ct);
                    done++;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Inspected meanwhile: graded under the rules in effect by that inspection, or tried again on the next pass.
                    skipped.Add(id);
                }
            }
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Today in China: inspection dates and deadlines are local dates.</summary>
    public DateOnly Today => PersonNames.Today(clock);
}
