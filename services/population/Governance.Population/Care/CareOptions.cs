namespace Governance.Population.Care;

/// <summary>
/// Care cases' rules, bound from <c>Population:Care</c>:
/// <code>"Population": { "Care": { "MinimumCount": 10, "VisitIntervalDays": { "elderly_alone": 7 } } }</code>
/// A category not named in <see cref="VisitIntervalDays"/> keeps its default (<see cref="DefaultIntervals"/>).
/// </summary>
public sealed class CareOptions
{
    public const string Section = "Population:Care";

    /// <summary>Below this many open cases of a category in a community, its figure is withheld: a small count points at people.</summary>
    public int MinimumCount { get; set; } = 10;

    /// <summary>Days between visits per category, overriding <see cref="DefaultIntervals"/>.</summary>
    public Dictionary<string, int> VisitIntervalDays { get; set; } = [];

    /// <summary>
    /// Monthly for the supervision cases and severe mental illness follow-ups, weekly for elderly people living
    /// alone, quarterly after release: a common local practice, to be set per county.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> DefaultIntervals = new Dictionary<string, int>
    {
        [CareCategories.CommunityCorrection] = 30,
        [CareCategories.Resettlement] = 90,
        [CareCategories.DrugRehabilitation] = 30,
        [CareCategories.SevereMentalIllness] = 30,
        [CareCategories.ElderlyAlone] = 7,
        [CareCategories.LeftBehindChild] = 30,
    };

    public int IntervalFor(string category) =>
        VisitIntervalDays.TryGetValue(category, out var days) ? days : DefaultIntervals[category];
}
