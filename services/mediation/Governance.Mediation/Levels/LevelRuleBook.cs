using System.Collections.Concurrent;
using Governance.Mediation.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Levels;

public sealed record LevelRulesInEffect(int Version, DateTime EffectiveFrom, LevelRules Rules);

/// <summary>Reads level-rule versions: the one in effect at a moment, the latest, or a given one (parsed once per process: versions never change).</summary>
public sealed class LevelRuleBook(MediationDb db)
{
    // Keyed by version and creation time: in one process (the standalone host, the tests) several databases may hold a version 2.
    private static readonly ConcurrentDictionary<(int, DateTime), LevelRules> Parsed = new();

    public async Task<LevelRulesInEffect> InEffectAsync(DateTime at, CancellationToken ct)
    {
        var header = await db.Set<LevelRulesVersion>().AsNoTracking().Where(v => v.EffectiveFrom <= at)
            .OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Version)
            .Select(v => new { v.Version, v.EffectiveFrom, v.CreatedAt }).FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound($"No level rules were in effect at {at:O}.");
        return new LevelRulesInEffect(header.Version, header.EffectiveFrom, await ParseAsync(header.Version, header.CreatedAt, ct));
    }

    public async Task<LevelRulesVersion> LatestAsync(CancellationToken ct) =>
        await db.Set<LevelRulesVersion>().AsNoTracking().OrderByDescending(v => v.Version).FirstAsync(ct);

    public async Task<LevelRulesVersion> VersionAsync(int version, CancellationToken ct) =>
        await db.Set<LevelRulesVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, ct)
        ?? throw DomainException.NotFound($"No level rules version {version}.");

    private async Task<LevelRules> ParseAsync(int version, DateTime createdAt, CancellationToken ct)
    {
        if (Parsed.TryGetValue((version, createdAt), out var rules)) return rules;
        var json = await db.Set<LevelRulesVersion>().AsNoTracking().Where(v => v.Version == version).Select(v => v.Document).SingleAsync(ct);
        return Parsed.GetOrAdd((version, createdAt), LevelRules.FromJson(json));
    }
}
