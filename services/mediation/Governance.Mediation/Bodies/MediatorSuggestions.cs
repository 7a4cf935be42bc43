using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.Mediation.Work;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Bodies;

/// <summary>
/// Who could mediate a case: the active mediators of active bodies at the case's level whose org
/// contains its responsible node, ranked by specialty match with the category, then (for a complex
/// case) experts first, then by load. A complex case also draws on experts of any body above it.
/// </summary>
internal static class MediatorSuggestions
{
    public static async Task<List<SuggestionView>> ForAsync(MediationDb db, DisputeCase c, CancellationToken ct)
    {
        var above = BodyScope.SelfAndAncestors(c.ResponsibleOrgPath);
        var complex = c.Risk == RiskLevel.Complex;
        var candidates = await db.Mediators.AsNoTracking().Where(m => m.Active)
            .Join(db.Bodies.AsNoTracking().Where(b => b.Active && above.Contains(b.OrgPath)), m => m.BodyId, b => b.Id, (m, b) => new { m, b })
            .Where(x => x.b.Level == c.Level || (complex && x.m.IsExpert))
            .ToListAsync(ct);
        var loads = await MediatorLoad.OfAsync(db, candidates.Select(x => x.m.Id), ct);
        var wanted = SpecialtiesFor(c.Category);
        return candidates
            .Select(x => new SuggestionView(MediatorView.From(x.m, loads.GetValueOrDefault(x.m.Id)), x.b.Name, WorkNames.Of(x.b.Kind),
                x.m.Specialties.Split(' ').Any(wanted.Contains), complex && x.m.IsExpert))
            .OrderByDescending(s => s.SpecialtyMatch).ThenByDescending(s => s.ExpertForComplexCase)
            .ThenBy(s => s.Mediator.Load).ThenBy(s => s.Mediator.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The specialty words that match a category: its own snake_case name and the industry committee's field.</summary>
    public static HashSet<string> SpecialtiesFor(DisputeCategory category)
    {
        var words = new HashSet<string> { WorkNames.Of(category) };
        var field = category switch
        {
            DisputeCategory.TrafficAccident => "traffic",
            DisputeCategory.Medical => "medical",
            DisputeCategory.LabourAndWages => "labour",
            DisputeCategory.PropertyManagement or DisputeCategory.LandAndProperty => "property",
            _ => null,
        };
        if (field is not null) words.Add(field);
        return words;
    }
}
