using System.Text.Json;

namespace Governance.Population.Rental;

/// <summary>
/// How a rental is graded, as one document (the unit of a <see cref="RentalRulesVersion"/>): grade rules tried
/// by priority (lowest first; the first that matches gives the grade and is shown as the reason), and the days
/// to the next inspection by grade. JSON shape (camelCase):
/// <code>{ "gradeRules": [ { "code": "fire_exits_blocked", "priority": 30, "allOf": ["fire_exits_blocked"], "atLeast": null,
///     "agreement": null, "grade": "strict" }, ..., { "code": "no_findings", "priority": 1000, "grade": "assured" } ],
///   "reinspectionDays": [ { "grade": "assured", "days": 365 }, ... ] }</code>
/// </summary>
public sealed record RentalRules(IReadOnlyList<GradeRule> GradeRules, IReadOnlyList<ReinspectionDays> ReinspectionDays)
{
    /// <summary>The rule that grades <paramref name="findings"/> under <paramref name="agreement"/>: the first matching by priority, then by order.</summary>
    public GradeRule Grade(IReadOnlyCollection<string> findings, string agreement) =>
        GradeRules.Select((r, i) => (r, i)).OrderBy(x => x.r.Priority).ThenBy(x => x.i).Select(x => x.r).First(r => r.Matches(findings, agreement));

    public int DaysFor(string grade) => ReinspectionDays.First(d => d.Grade == grade).Days;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RentalRules FromJson(string json) => JsonSerializer.Deserialize<RentalRules>(json, Json) ?? throw new InvalidDataException("A rental rules version holds no document.");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web);

    /// <summary>Version 1: what a deployment starts with.</summary>
    public static RentalRules Defaults() => new(
        [
            // Blocked exits with unsafe gas, or three hazards at once, is a fire waiting to happen: not to be let.
            new("fire_exits_and_gas", 10, [RentalNames.FireExitsBlocked, RentalNames.GasUnsafe], null, null, RentalNames.Prohibited),
            new("three_or_more_hazards", 20, null, 3, null, RentalNames.Prohibited),
            new("fire_exits_blocked", 30, [RentalNames.FireExitsBlocked], null, null, RentalNames.Strict),
            new("gas_unsafe", 30, [RentalNames.GasUnsafe], null, null, RentalNames.Strict),
            new("crowding_without_agreement", 40, [RentalNames.Crowding], null, [RentalNames.AgreementNone, RentalNames.AgreementExpired], RentalNames.Strict),
            new("two_hazards", 50, null, 2, null, RentalNames.Strict),
            new("a_hazard", 60, null, 1, null, RentalNames.Watched),
            new("no_valid_agreement", 70, null, null, [RentalNames.AgreementNone, RentalNames.AgreementExpired], RentalNames.Watched),
            new("no_findings", 1000, null, null, null, RentalNames.Assured),
        ],
        [new(RentalNames.Assured, 365), new(RentalNames.Watched, 90), new(RentalNames.Strict, 30), new(RentalNames.Prohibited, 7)]);

    /// <summary>What changed from <paramref name="before"/>, for the version's summary.</summary>
    public string Summary(RentalRules before)
    {
        var parts = new[]
        {
            JsonSerializer.Serialize(GradeRules) != JsonSerializer.Serialize(before.GradeRules) ? $"grade rules {before.GradeRules.Count} → {GradeRules.Count}" : null,
            JsonSerializer.Serialize(ReinspectionDays) != JsonSerializer.Serialize(before.ReinspectionDays)
                ? "reinspection days " + string.Join(", ", ReinspectionDays.Select(d => $"{d.Grade} {d.Days} d")) : null,
        }.OfType<string>().ToList();
        return parts.Count == 0 ? "no change in content" : string.Join("; ", parts);
    }
}

/// <summary>
/// One grade rule: it matches when every finding of <see cref="AllOf"/> was found, at least <see cref="AtLeast"/>
/// findings were, and the agreement's state is one of <see cref="Agreement"/> (each condition absent: any).
/// <see cref="Code"/> is the reason shown with the grade.
/// </summary>
public sealed record GradeRule(string Code, int Priority, IReadOnlyList<string>? AllOf, int? AtLeast, IReadOnlyList<string>? Agreement, string Grade)
{
    public bool Matches(IReadOnlyCollection<string> findings, string agreement) =>
        (AllOf is null || AllOf.All(findings.Contains)) && (AtLeast is null || findings.Count >= AtLeast) && (Agreement is null || Agreement.Contains(agreement));

    /// <summary>Matches whatever was found: the last resort that gives every rental a grade.</summary>
    public bool MatchesAll => (AllOf is null || AllOf.Count == 0) && (AtLeast is null or 0) && (Agreement is null || RentalNames.AgreementStates.All(Agreement.Contains));
}

/// <summary>How many days after an inspection a rental of <see cref="Grade"/> is inspected again.</summary>
public sealed record ReinspectionDays(string Grade, int Days);
