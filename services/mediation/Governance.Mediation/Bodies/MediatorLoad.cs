using Governance.Mediation.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Bodies;

/// <summary>A mediator's current load: the open cases assigned to them.</summary>
internal static class MediatorLoad
{
    public static async Task<Dictionary<Guid, int>> OfAsync(MediationDb db, IEnumerable<Guid> mediatorIds, CancellationToken ct)
    {
        var ids = mediatorIds.ToList();
        if (ids.Count == 0) return [];
        return await db.Cases.AsNoTracking()
            .Where(c => c.MediatorId != null && ids.Contains(c.MediatorId.Value) && BodyScope.OpenStates.Contains(c.State))
            .GroupBy(c => c.MediatorId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
