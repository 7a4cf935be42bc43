using Governance.Mediation.Cases;

namespace Governance.Mediation.Levels;

/// <summary>
/// Puts a case at a level: the starting level from the level rules in effect, the responsible org
/// node, and the level's deadline, computed once when the case is placed (a later change of the rules
/// never moves it). The org tree's root is assumed to be the county (identity's tree for one
/// county-level centre): a path's first segment is the county, two the street/township, three the
/// community/village, four the grid. A case lying above a level's node (e.g. at a community with no
/// grid) is the responsibility of its own node.
/// </summary>
public sealed class LevelAssignment(LevelRuleBook book, TimeProvider clock)
{
    public async Task<MediationLevel> StartingLevelAsync(DisputeCategory category, RiskLevel risk, int people, decimal? amount, CancellationToken ct)
    {
        var rules = (await book.InEffectAsync(clock.GetUtcNow().UtcDateTime, ct)).Document;
        var level = rules.StartingLevel(category, risk);
        if (people >= rules.ScaleThreshold.PeopleInvolved || (amount ?? 0) >= rules.ScaleThreshold.Amount) level = Up(level) ?? level;
        return level;
    }

    /// <summary>Moves <paramref name="dispute"/> to <paramref name="level"/>: its responsible node and its new deadline by the rules in effect at <paramref name="now"/>.</summary>
    public async Task PlaceAsync(DisputeCase dispute, MediationLevel level, DateTime now, CancellationToken ct)
    {
        dispute.Level = level;
        dispute.ResponsibleOrgPath = ResponsibleOrgPath(dispute.OrgPath, level);
        var days = (await book.InEffectAsync(now, ct)).Document.DeadlineDays(level) ?? 10;
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
