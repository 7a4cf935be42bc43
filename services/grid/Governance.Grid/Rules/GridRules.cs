using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Grid.Incidents;
using Governance.Grid.Incidents.Categories;

namespace Governance.Grid.Rules;

/// <summary>
/// The grid's rules as one document, the unit of a version: the categories (with each step's
/// deadline per urgency, and whether the deadlines count working time) and the escalation rules.
/// JSON shape (camelCase):
/// <code>{ "categories": [ { "code": "dispute", "name": "矛盾纠纷", "owningDepartmentKind": "Justice", "isDispute": true,
///   "offeredToCitizens": true, "countsWorkingTime": false, "deadlines": [ { "urgency": "normal", "step": "register", "minutes": 30 }, ... ] } ],
///   "escalationRules": [ { "orgLevel": "community", "category": null, "urgency": "urgent", "step": "accept" } ] }</code>
/// </summary>
public sealed record GridRules(IReadOnlyList<CategoryRules> Categories, IReadOnlyList<EscalationRuleData> EscalationRules)
{
    public static readonly string[] Urgencies = ["normal", "urgent", "critical"];
    public static readonly string[] OrgLevels = ["county", "street", "community", "grid"];

    public CategoryRules? Category(string code) => Categories.FirstOrDefault(c => c.Code == code);

    public string ToJson() => JsonSerializer.Serialize(this, GridRulesJson.Default.GridRules);

    public static GridRules FromJson(string json) =>
        JsonSerializer.Deserialize(json, GridRulesJson.Default.GridRules) ?? throw new InvalidDataException("A rules version holds no document.");

    /// <summary>Version 1: the seeded catalogue (<see cref="CategoryCatalog"/>, <see cref="EscalationRule.Defaults"/>), wall-clock deadlines.</summary>
    public static GridRules Defaults() => new(
        CategoryCatalog.Defaults.Select(d => new CategoryRules(d.Code, d.Name, d.OwningDepartmentKind, d.IsDispute, true, false,
            (from urgency in Enum.GetValues<Urgency>()
             from step in CategoryCatalog.Steps
             select new StepDeadline(IncidentInput.UrgencyName(urgency), step, CategoryCatalog.DefaultMinutes(d, urgency, step))).ToList())).ToList(),
        EscalationRule.Defaults.Select(r => new EscalationRuleData(r.OrgLevel, r.Category, r.Urgency is { } u ? IncidentInput.UrgencyName(u) : null, r.Step)).ToList());

    /// <summary>What changed from <paramref name="before"/>, in a line an auditor reads (the documents themselves are kept).</summary>
    public string Summary(GridRules before)
    {
        var added = Categories.Where(c => before.Category(c.Code) is null).Select(c => c.Code).ToList();
        var changed = Categories.Where(c => before.Category(c.Code) is { } old && old.ToJson() != c.ToJson()).Select(c => c.Code).ToList();
        var escalation = JsonSerializer.Serialize(EscalationRules, GridRulesJson.Default.IReadOnlyListEscalationRuleData)
            == JsonSerializer.Serialize(before.EscalationRules, GridRulesJson.Default.IReadOnlyListEscalationRuleData)
            ? null : $"escalation rules {before.EscalationRules.Count} → {EscalationRules.Count}";
        var parts = new[]
        {
            added.Count > 0 ? "categories added: " + string.Join(", ", added) : null,
            changed.Count > 0 ? "categories changed: " + string.Join(", ", changed) : null,
            escalation,
        }.OfType<string>().ToList();
        return parts.Count == 0 ? "no change in content" : string.Join("; ", parts);
    }
}

/// <summary>A category and its deadlines. <see cref="CountsWorkingTime"/>: the minutes run in the county's working hours only (working-time calendar).</summary>
public sealed record CategoryRules(string Code, string Name, string OwningDepartmentKind, bool IsDispute, bool OfferedToCitizens, bool CountsWorkingTime,
    IReadOnlyList<StepDeadline> Deadlines)
{
    public int? Minutes(Urgency urgency, string step)
    {
        var name = IncidentInput.UrgencyName(urgency);
        return Deadlines.FirstOrDefault(d => d.Urgency == name && d.Step == step)?.Minutes;
    }

    public string ToJson() => JsonSerializer.Serialize(this, GridRulesJson.Default.CategoryRules);
}

/// <summary>How long <see cref="Step"/> (register, dispatch, accept, handle, verify) may take at <see cref="Urgency"/>.</summary>
public sealed record StepDeadline(string Urgency, string Step, int Minutes);

/// <summary>See <see cref="EscalationRule"/>: null category or urgency matches any.</summary>
public sealed record EscalationRuleData(string OrgLevel, string? Category, string? Urgency, string Step);

/// <summary>Source-generated JSON for the rules document: read at every step's start, so no reflection warm-up on the first report.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GridRules))]
[JsonSerializable(typeof(CategoryRules))]
[JsonSerializable(typeof(IReadOnlyList<EscalationRuleData>))]
internal sealed partial class GridRulesJson : JsonSerializerContext;
