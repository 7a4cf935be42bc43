namespace Governance.Console.Api;

// What the assessment page reads from assessment's REST API (/api/assessment/rankings, /scorecard, /records), by its JSON
// names: the console's own records, so that it depends on the HTTP contract only.

public sealed record RankingEntry(int Rank, string DepartmentId, string DepartmentName, decimal Total, decimal MaxPoints, int LetterVersion);

public sealed record Ranking(string Org, string Period, IReadOnlyList<RankingEntry> Departments);

/// <param name="Records">Assessment's path of the records behind the item (<c>/api/assessment/records?...</c>).</param>
public sealed record ScoreItem(string Indicator, string Name, string Measure, string Rule, decimal Weight, decimal? Floor, decimal? Target,
    decimal? Value, int Numerator, int? Denominator, decimal Points, bool NoRecords, string Records);

public sealed record ScoreDeduction(Guid FindingId, string Month, decimal Points, string Reason, string State);

public sealed record Scorecard(string DepartmentId, string DepartmentName, string OrgPath, string Period, decimal Total, decimal MaxPoints,
    IReadOnlyList<ScoreItem> Items, decimal Deducted, IReadOnlyList<ScoreDeduction>? Deductions);

/// <param name="Link">The record's path in its own service's REST API (e.g. <c>/api/grid/incidents/{id}</c>).</param>
public sealed record RecordRef(string Id, string Number, string Link);

public sealed record IndicatorRecords(string Indicator, string Name, string Period, decimal? Value, int Numerator, int? Denominator,
    IReadOnlyList<RecordRef> NumeratorRecords, IReadOnlyList<RecordRef>? DenominatorRecords);
