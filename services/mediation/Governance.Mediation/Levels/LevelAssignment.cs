using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Levels;

/// <summary>
/// Puts a case at a level: the starting level from the rules, the responsible org node, and the
/// level's deadline. The org tree's root is assumed to be the county (identity's tree for one
/// county-level centre): a path's first segment is the county, two the street/township, three the
/// community/village, four the grid. A case lying above a level's node (e.g. at a community with no
/// grid) is the responsibility of its own node.
/// </summary>
public sealed class LevelAssignment(MediationDb db)
{
    public async Task<MediationLevel> StartingLevelAsync(DisputeCategory category, RiskLevel risk, int people, decimal? amount, CancellationToken ct)
    {
        var rules = await db.Set<LevelRule>().AsNoTracking().OrderBy(r => r.Priority).ThenBy(r => r.Id).ToListAsync(ct);
        var level = rules.FirstOrDefault(r => r.Matches(category, risk))?.Level ?? MediationLevel.Community;
        var thresholds = await db.Set<ScaleThreshold>().AsNoTracking().ToListAsync(ct);
        if (thresholds.Any(t => people >= t.PeopleInvolved || (amount ?? 0) >= t.Amount)) level = Up(level) ?? level;
        return level;
    }

    /// <summary>Moves <paramref name="dispute"/> to <paramref name="level"/>: its responsible node and its new deadline.</summary>
    public async Task PlaceAsync(DisputeCase dispute, MediationLevel level, DateTime now, CancellationToken ct)
    {
        dispute.Level = level;
        dispute.ResponsibleOrgPath = ResponsibleOrgPath(dispute.OrgPath, level);
        var days = await db.Set<LevelDeadline>().Where(d => d.Level == level).Select(d => (int?)d.Days).FirstOrDefaultAsync(ct) ?? 10;
        dispute.LevelDueAt = now.AddDays(days);
    }

    /// <summary>The level above, or null at the county.</summary>
    public static MediationLevel? Up(MediationLevel level) => level == MediationLevel.County ? null : level + 1;

    /// <summary>The ancestor of <paramref name="orgPath"/> at <paramref name="level"/> (grid 4 segments, community 3, street 2, county 1).</summary>
    public static string ResponsibleOrgPath(string orgPath, MediationLevel level)
    {
        var segments = orgPath.Split('/');
        var depth = 5 - (int)level;
        return string.Join('/', segments.Take(Math.Min(depth, segments.Length)));
    }
}
