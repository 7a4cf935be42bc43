using System.Collections.Concurrent;
using Governance.Grid.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Rules;

/// <summary>A version's header and its parsed document.</summary>
public sealed record RulesInEffect(int Version, DateTime EffectiveFrom, GridRules Rules);

/// <summary>
/// Reads rule versions: the one in effect at a moment, the latest, or a given one. Versions never
/// change once written, so parsed documents are kept per version for the life of the process.
/// </summary>
public sealed class RuleBook(GridDb db)
{
    // Keyed by version and creation time: in one process (the standalone host, the tests) several databases may hold a version 2.
    private static readonly ConcurrentDictionary<(int, DateTime), GridRules> Parsed = new();

    /// <summary>The version in effect at <paramref name="at"/>: the latest effective time not after it (the later version on a tie).</summary>
    public async Task<RulesInEffect> InEffectAsync(DateTime at, CancellationToken ct)
    {
        var header = await db.Set<RuleSetVersion>().AsNoTracking().Where(v => v.EffectiveFrom <= at)
            .OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Version)
            .Select(v => new { v.Version, v.EffectiveFrom, v.CreatedAt }).FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound($"No rules were in effect at {at:O}.");
        return new RulesInEffect(header.Version, header.EffectiveFrom, await ParseAsync(header.Version, header.CreatedAt, ct));
    }

    /// <summary>The newest version, whether or not it is in effect yet: the one a change builds on.</summary>
    public async Task<RuleSetVersion> LatestAsync(CancellationToken ct) =>
        await db.Set<RuleSetVersion>().AsNoTracking().OrderByDescending(v => v.Version).FirstAsync(ct);

    public async Task<RulesInEffect> VersionAsync(int version, CancellationToken ct)
    {
        var header = await db.Set<RuleSetVersion>().AsNoTracking().Where(v => v.Version == version).Select(v => new { v.Version, v.EffectiveFrom, v.CreatedAt }).FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound($"No rules version {version}.");
        return new RulesInEffect(header.Version, header.EffectiveFrom, await ParseAsync(version, header.CreatedAt, ct));
    }

    private async Task<GridRules> ParseAsync(int version, DateTime createdAt, CancellationToken ct)
    {
        if (Parsed.TryGetValue((version, createdAt), out var rules)) return rules;
        var json = await db.Set<RuleSetVersion>().AsNoTracking().Where(v => v.Version == version).Select(v => v.Document).SingleAsync(ct);
        return Parsed.GetOrAdd((version, createdAt), GridRules.FromJson(json));
    }
}
