using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Mediation.Cases;

namespace Governance.Mediation.Levels;

/// <summary>
/// Mediation's level rules as one document, the unit of a version (<see cref="LevelRulesVersion"/>):
/// which level a new case starts at, the scale that moves it one level up, and how long each level
/// has before the case escalates. JSON shape (camelCase, enum values in snake_case):
/// <code>{ "levelRules": [ { "priority": 100, "category": null, "risk": "ordinary", "level": "grid" }, ... ],
///   "scaleThreshold": { "peopleInvolved": 5, "amount": 100000 },
///   "levelDeadlines": [ { "level": "grid", "days": 3 }, ... ] }</code>
/// </summary>
public sealed record LevelRules([property: JsonPropertyName("levelRules")] IReadOnlyList<LevelRule> Rules, ScaleThreshold ScaleThreshold, IReadOnlyList<LevelDeadline> LevelDeadlines)
{
    /// <summary>The starting level for a category and risk: the matching rule of lowest priority (community when none matches).</summary>
    public MediationLevel StartingLevel(DisputeCategory category, RiskLevel risk) =>
        Rules.Where(r => r.Matches(category, risk)).OrderBy(r => r.Priority).Select(r => CaseNames.Parse<MediationLevel>(r.Level)).FirstOrDefault()
        ?? MediationLevel.Community;

    public int? DeadlineDays(MediationLevel level) => LevelDeadlines.FirstOrDefault(d => d.Level == CaseNames.Of(level))?.Days;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static LevelRules FromJson(string json) => JsonSerializer.Deserialize<LevelRules>(json, Json) ?? throw new InvalidDataException("A level rules version holds no document.");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web);

    // Ordinary → grid worker, major → people's mediation committee, complex → street joint centre;
    // complex traffic, medical, labour and property-management disputes → the county's industry committees.
    private static readonly DisputeCategory[] IndustryCategories =
        [DisputeCategory.TrafficAccident, DisputeCategory.Medical, DisputeCategory.LabourAndWages, DisputeCategory.PropertyManagement];

    /// <summary>Version 1: what a deployment starts with.</summary>
    public static LevelRules Defaults() => new(
        [
            new(100, null, "ordinary", "grid"),
            new(100, null, "major", "community"),
            new(100, null, "complex", "street"),
            .. IndustryCategories.Select(c => new LevelRule(10, CaseNames.Of(c), "complex", "county")),
        ],
        // Five or more people is a group dispute (群体性纠纷); 100,000 yuan is more than a grid settles.
        new ScaleThreshold(5, 100_000m),
        [new("grid", 3), new("community", 10), new("street", 15), new("county", 30)]);

    /// <summary>What changed from <paramref name="before"/>, for the version's summary.</summary>
    public string Summary(LevelRules before)
    {
        var parts = new[]
        {
            JsonSerializer.Serialize(Rules) != JsonSerializer.Serialize(before.Rules) ? $"level rules {before.Rules.Count} → {Rules.Count}" : null,
            ScaleThreshold != before.ScaleThreshold ? $"scale threshold {ScaleThreshold.PeopleInvolved} people / {ScaleThreshold.Amount} yuan" : null,
            JsonSerializer.Serialize(LevelDeadlines) != JsonSerializer.Serialize(before.LevelDeadlines)
                ? "level deadlines " + string.Join(", ", LevelDeadlines.Select(d => $"{d.Level} {d.Days} d")) : null,
        }.OfType<string>().ToList();
        return parts.Count == 0 ? "no change in content" : string.Join("; ", parts);
    }
}

/// <summary>
/// Which level a new case starts at: a category (any, when null) and a risk give a level; the most
/// specific matching rule (lowest <see cref="Priority"/>) wins.
/// </summary>
public sealed record LevelRule(int Priority, string? Category, string Risk, string Level)
{
    public bool Matches(DisputeCategory category, RiskLevel risk) =>
        (Category is null || Category == CaseNames.Of(category)) && Risk == CaseNames.Of(risk);
}

/// <summary>
/// A dispute at or above either threshold (people involved, amount at stake) starts one level
/// higher than its rule says (capped at the county): 群体性 disputes and large sums are not a grid worker's to settle.
/// </summary>
public sealed record ScaleThreshold(int PeopleInvolved, decimal Amount);

/// <summary>How long a level has to settle a case before it escalates.</summary>
public sealed record LevelDeadline(string Level, int Days);
