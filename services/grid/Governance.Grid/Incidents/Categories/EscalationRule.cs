namespace Governance.Grid.Incidents.Categories;

/// <summary>
/// When a step goes past its deadline at a centre of <see cref="OrgLevel"/>, responsibility moves
/// up one level. Null <see cref="Category"/> or <see cref="Urgency"/> match any. Held as data,
/// keyed on org level × category × urgency.
/// </summary>
public sealed class EscalationRule
{
    public int Id { get; init; }

    /// <summary>The responsible centre's level: community, street, county.</summary>
    public required string OrgLevel { get; init; }

    public string? Category { get; init; }
    public Urgency? Urgency { get; init; }

    /// <summary>The step whose deadline passing triggers it.</summary>
    public required string Step { get; init; }

    public static readonly IReadOnlyList<EscalationRule> Defaults =
    [
        // "The community blows the whistle": a department that has not accepted or handled an
        // urgent case in time is chased by the street.
        new() { Id = 1, OrgLevel = "community", Urgency = Incidents.Urgency.Urgent, Step = "accept" },
        new() { Id = 2, OrgLevel = "community", Urgency = Incidents.Urgency.Urgent, Step = "handle" },
        new() { Id = 3, OrgLevel = "community", Urgency = Incidents.Urgency.Critical, Step = "accept" },
        new() { Id = 4, OrgLevel = "community", Urgency = Incidents.Urgency.Critical, Step = "handle" },
        new() { Id = 5, OrgLevel = "street", Urgency = Incidents.Urgency.Critical, Step = "handle" },
        // Safety hazards left unhandled go up whatever their urgency.
        new() { Id = 6, OrgLevel = "community", Category = "safety_hazard", Step = "handle" },
    ];

    public bool Matches(string orgLevel, string category, Urgency urgency, string step) =>
        OrgLevel == orgLevel && Step == step && (Category is null || Category == category) && (Urgency is null || Urgency == urgency);
}
