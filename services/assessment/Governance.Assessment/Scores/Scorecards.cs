using Governance.Assessment.Access;
using Governance.Assessment.Data;
using Governance.Assessment.Departments;
using Governance.Assessment.Indicators;
using Governance.Assessment.Inspections;
using Governance.Assessment.Letters;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Scores;

/// <summary>
/// Scorecards and rankings, computed on request (ADR 0013 §4): the department's letter in force for the period's year
/// (its latest signed version), each item's indicator computed over the facts for the period, the item's rule applied.
/// Every point opens into its indicator's value and the records behind it.
/// </summary>
public sealed class Scorecards(AssessmentDb db, LetterBook letters, IndicatorBook indicators, IndicatorValues values, DepartmentAccess access,
    RolePermissions permissions, TimeProvider clock)
{
    /// <param name="Records">Where the item's records are listed (numerator and denominator).</param>
    public sealed record ScoreItem(string Indicator, string Name, string Measure, string Rule, decimal Weight, decimal? Floor, decimal? Target, decimal? PerCase,
        decimal? Value, int Numerator, int? Denominator, decimal Points, bool NoRecords, string Records);

    public sealed record LetterRef(Guid Id, int Year, int Version, DateTime SignedAt, string SignedBy);

    /// <param name="Total">The items' points less the inspections' deductions, never below zero.</param>
    /// <param name="MaxPoints">The weights of the items that are not bonuses: what a perfect department earns before bonuses.</param>
    /// <param name="Deducted">What inspection findings not withdrawn take off (<see cref="Deductions"/>, each with its finding's id).</param>
    public sealed record Scorecard(string DepartmentId, string DepartmentName, string OrgPath, string Period, LetterRef Letter, decimal Total, decimal MaxPoints,
        IReadOnlyList<ScoreItem> Items, decimal Deducted = 0, IReadOnlyList<Deduction>? Deductions = null);

    public sealed record RankingEntry(int Rank, string DepartmentId, string DepartmentName, decimal Total, decimal MaxPoints, int LetterVersion);

    public sealed record Ranking(string Org, string Period, IReadOnlyList<RankingEntry> Departments);

    /// <summary>The records behind one indicator for a subject and period.</summary>
    public sealed record IndicatorRecords(string Indicator, string Name, string Period, decimal? Value, int Numerator, int? Denominator,
        IReadOnlyList<RecordRef> NumeratorRecords, IReadOnlyList<RecordRef>? DenominatorRecords);

    public async Task<Scorecard> ForDepartmentAsync(Caller caller, string? departmentId, string? period, CancellationToken ct)
    {
        var department = await access.DepartmentAsync(departmentId, "department", ct);
        var p = Period.Parse(period);
        await access.EnsureMayReadAsync(caller, department, ct);
        return await ComputeAsync(department, p, ct)
            ?? throw DomainException.NotFound($"Department {department.DepartmentId} has no signed responsibility letter for {p.Year}.");
    }

    /// <summary>The records behind <paramref name="indicatorCode"/> for a department (its scorecard's drill-down) or an org subtree.</summary>
    public async Task<IndicatorRecords> RecordsAsync(Caller caller, string? indicatorCode, string? period, string? departmentId, string? org, CancellationToken ct)
    {
        var library = (await indicators.InEffectAsync(clock.GetUtcNow().UtcDateTime, ct)).Document;
        var indicator = library.Find(indicatorCode?.Trim()) ?? throw DomainException.Invalid("indicator", $"'{indicatorCode}' is not an indicator of the library.");
        var p = Period.Parse(period);
        var subject = await SubjectAsync(caller, departmentId, org, ct);
        var value = await values.ComputeAsync(indicator, subject, p, ct);
        return new IndicatorRecords(indicator.Code, indicator.Name, p.Label, value.Value, value.Numerator, value.Denominator, value.NumeratorRecords, value.DenominatorRecords);
    }

    /// <summary>Every indicator of the library for a department or an org subtree (without the records: ask <see cref="RecordsAsync"/>).</summary>
    public async Task<IReadOnlyList<IndicatorValue>> ValuesAsync(Caller caller, string? period, string? departmentId, string? org, CancellationToken ct)
    {
        var p = Period.Parse(period);
        var subject = await SubjectAsync(caller, departmentId, org, ct);
        var library = (await indicators.InEffectAsync(clock.GetUtcNow().UtcDateTime, ct)).Document;
        var list = new List<IndicatorValue>(library.Indicators.Count);
        foreach (var indicator in library.Indicators)
            list.Add((await values.ComputeAsync(indicator, subject, p, ct)) with { NumeratorRecords = [], DenominatorRecords = null });
        return list;
    }

    /// <summary>Departments within <paramref name="org"/> with a signed letter for the period's year, best first (equal totals share a rank).</summary>
    public async Task<Ranking> RankAsync(Caller caller, string? org, string? period, CancellationToken ct)
    {
        if (!OrgPath.TryParse(org, out var path)) throw DomainException.Invalid("org", $"The org '{org}' is not an org path such as 632801/001.");
        var p = Period.Parse(period);
        await permissions.EnsurePermittedAsync(caller, AssessmentPermissions.Read, path, ct);
        return RankingOf(path.Value, p.Label, await CardsWithinAsync(path, p, ct));
    }

    /// <summary>The scorecards of the departments within <paramref name="path"/> with a signed letter for the period's year (no access check: the caller's).</summary>
    internal async Task<List<Scorecard>> CardsWithinAsync(OrgPath path, Period p, CancellationToken ct)
    {
        var departmentIds = await db.Letters.AsNoTracking().Where(l => l.Year == p.Year).WithinSubtree(l => l.OrgPath, path.Value)
            .Select(l => l.DepartmentId).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.DepartmentId) && d.Known).ToListAsync(ct);
        var cards = new List<Scorecard>();
        foreach (var department in departments)
            if (await ComputeAsync(department, p, ct) is { } card) cards.Add(card);
        return cards;
    }

    /// <summary>Scorecards ranked best first; equal totals share a rank (1, 1, 3).</summary>
    internal static Ranking RankingOf(string org, string period, IEnumerable<Scorecard> cards)
    {
        var ordered = cards.OrderByDescending(c => c.Total).ThenBy(c => c.DepartmentName, StringComparer.Ordinal).ThenBy(c => c.DepartmentId).ToList();
        var entries = ordered.Select((c, i) => new RankingEntry(
            ordered.FindIndex(x => x.Total == c.Total) + 1, c.DepartmentId, c.DepartmentName, c.Total, c.MaxPoints, c.Letter.Version)).ToList();
        return new Ranking(org, period, entries);
    }

    internal async Task<Scorecard?> ComputeAsync(Department department, Period period, CancellationToken ct)
    {
        if (await letters.InForceAsync(department.DepartmentId, period.Year, ct) is not { } found) return null;
        var (letter, version) = found;
        var library = (await indicators.InEffectAsync(clock.GetUtcNow().UtcDateTime, ct)).Document;
        var subject = new Subject(department.DepartmentId, department.OrgPath);
        var items = new List<ScoreItem>();
        foreach (var item in version.ItemList())
        {
            // An indicator removed from the library after the letter was signed is still scored by the measure it had:
            // the library refuses to remove an indicator a letter names, so this is only a guard.
            var indicator = library.Find(item.Indicator) ?? throw new InvalidOperationException($"Letter {letter.Id} names indicator {item.Indicator}, no longer in the library.");
            var value = await values.ComputeAsync(indicator, subject, period, ct);
            var (points, noRecords) = Scoring.Points(item, value);
            items.Add(new ScoreItem(item.Indicator, indicator.Name, value.Measure, item.Rule, item.Weight, item.Floor, item.Target, item.PerCase, value.Value,
                value.Numerator, value.Denominator, points, noRecords,
                $"/api/assessment/records?indicator={item.Indicator}&period={period.Label}&department={department.DepartmentId}"));
        }
        var deductions = await Deductions.ForAsync(db, department.DepartmentId, period, ct);
        var deducted = deductions.Sum(d => d.Points);
        return new Scorecard(department.DepartmentId, department.Name, department.OrgPath, period.Label,
            new LetterRef(letter.Id, letter.Year, version.Version, version.SignedAt!.Value, version.SignedBy!),
            Math.Max(0m, items.Sum(i => i.Points) - deducted), items.Where(i => i.Rule != ScoringRules.Bonus).Sum(i => i.Weight), items, deducted, deductions);
    }

    // Exactly one of department and org: a department under the department rules of access, an org under assessment.read.
    private async Task<Subject> SubjectAsync(Caller caller, string? departmentId, string? org, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(departmentId) && !string.IsNullOrWhiteSpace(org))
            throw DomainException.Invalid("org", "Give a department or an org, not both.");
        if (!string.IsNullOrWhiteSpace(departmentId))
        {
            var department = await access.DepartmentAsync(departmentId, "department", ct);
            await access.EnsureMayReadAsync(caller, department, ct);
            return new Subject(department.DepartmentId, department.OrgPath);
        }
        if (!OrgPath.TryParse(org, out var path)) throw DomainException.Invalid("org", "Give a department, or an org path such as 632801/001.");
        await permissions.EnsurePermittedAsync(caller, AssessmentPermissions.Read, path, ct);
        return new Subject(null, path.Value);
    }
}
