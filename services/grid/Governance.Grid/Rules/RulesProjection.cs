using Governance.Grid.Data;
using Governance.Grid.Incidents;
using Governance.Grid.Incidents.Categories;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Scans;
using Governance.ServiceDefaults.Versioning;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Rules;

/// <summary>
/// Keeps the tables every feature reads (<c>categories</c>, <c>category_deadlines</c>,
/// <c>escalation_rules</c>: Open311's services, hand-over, the deadline scan's escalations) equal to
/// the version in effect: at once when a change applies now, and on each scan when a future one's time
/// comes. Step deadlines do not wait for it: they read the version in effect from <see cref="RuleBook"/>.
/// </summary>
public sealed class RulesProjection(GridDb db, RuleBook book, TimeProvider clock) : IPeriodicScan
{
    /// <summary>Applies the version in effect now if the tables hold another; answers 1 when it did.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        var inEffect = await book.InEffectAsync(clock.GetUtcNow().UtcDateTime, ct);
        var applied = await db.Set<AppliedRules>().AsNoTracking().SingleAsync(ct);
        if (applied.Version == inEffect.Version) return 0;
        try
        {
            await db.SaveInOneTransactionAsync(attempt => ApplyAsync(inEffect, attempt), ct);
            return 1;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another replica applied it meanwhile.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    /// <summary>Rewrites the tables to <paramref name="rules"/>. Does not save: run it inside the caller's transaction.</summary>
    public async Task ApplyAsync(DocumentInEffect<GridRules> rules, CancellationToken ct)
    {
        var marker = await db.Set<AppliedRules>().SingleAsync(ct);
        (marker.Version, marker.Stamp) = (rules.Version, Guid.NewGuid());
        var categories = await db.Categories.Include(c => c.Deadlines).ToDictionaryAsync(c => c.Code, ct);
        foreach (var c in rules.Document.Categories)
        {
            if (!categories.TryGetValue(c.Code, out var category))
            {
                category = new Category { Code = c.Code, Name = c.Name, OwningDepartmentKind = c.OwningDepartmentKind };
                db.Categories.Add(category);
            }
            (category.Name, category.OwningDepartmentKind, category.IsDispute, category.OfferedToCitizens, category.CountsWorkingTime) =
                (c.Name, c.OwningDepartmentKind, c.IsDispute, c.OfferedToCitizens, c.CountsWorkingTime);
            foreach (var d in c.Deadlines)
            {
                var urgency = IncidentInput.Urgency(d.Urgency);
                var deadline = category.Deadlines.FirstOrDefault(x => x.Urgency == urgency && x.Step == d.Step);
                if (deadline is null) category.Deadlines.Add(new CategoryDeadline { Category = c.Code, Urgency = urgency, Step = d.Step, Minutes = d.Minutes });
                else deadline.Minutes = d.Minutes;
            }
        }
        await db.EscalationRules.ExecuteDeleteAsync(ct);
        var id = 0;
        foreach (var r in rules.Document.EscalationRules)
            db.EscalationRules.Add(new EscalationRule
            {
                Id = ++id, OrgLevel = r.OrgLevel, Category = r.Category, Urgency = r.Urgency is null ? null : IncidentInput.Urgency(r.Urgency), Step = r.Step,
            });
    }
}
