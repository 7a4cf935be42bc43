using System.Text.RegularExpressions;
using Governance.Grid.Incidents.Categories;
using Governance.ServiceDefaults.Problems;

namespace Governance.Grid.Rules;

/// <summary>
/// Checks a proposed rules document field by field; the first fault is refused naming its field
/// (e.g. <c>categories[2].deadlines[4].minutes</c>). A category once defined is never removed:
/// incidents carry its code; withdraw it from citizens with <c>offeredToCitizens: false</c>.
/// </summary>
internal static partial class RulesValidation
{
    public const int MaxMinutes = 365 * 24 * 60;

    [GeneratedRegex("^[a-z][a-z0-9_]{1,31}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,31}$")]
    private static partial Regex KindPattern();

    public static GridRules Validate(GridRulesInput input, GridRules latest)
    {
        if (input.Categories is not { Count: > 0 and <= 200 } categories)
            throw DomainException.Invalid("categories", "Give the full list of categories (1 to 200).");
        var result = new List<CategoryRules>();
        for (var i = 0; i < categories.Count; i++)
        {
            var f = $"categories[{i}]";
            var c = categories[i] ?? throw DomainException.Invalid(f, "A category is an object.");
            if (c.Code is null || !CodePattern().IsMatch(c.Code))
                throw DomainException.Invalid($"{f}.code", "A category code is 2 to 32 characters: lower-case letters, digits and _, starting with a letter.");
            if (result.Any(r => r.Code == c.Code)) throw DomainException.Invalid($"{f}.code", $"The category '{c.Code}' is listed twice.");
            var name = c.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 100) throw DomainException.Invalid($"{f}.name", "A category's name is 1 to 100 characters.");
            if (c.OwningDepartmentKind is null || !KindPattern().IsMatch(c.OwningDepartmentKind))
                throw DomainException.Invalid($"{f}.owningDepartmentKind", "The owning department kind is 1 to 32 letters and digits, e.g. UrbanManagement.");
            result.Add(new CategoryRules(c.Code, name, c.OwningDepartmentKind, c.IsDispute ?? false, c.OfferedToCitizens ?? true, c.CountsWorkingTime ?? false,
                Deadlines(c.Deadlines, $"{f}.deadlines")));
        }
        foreach (var kept in latest.Categories.Where(k => result.All(r => r.Code != k.Code)))
            throw DomainException.Invalid("categories", $"The category '{kept.Code}' cannot be removed (incidents carry its code); set offeredToCitizens to false to withdraw it.");
        return new GridRules(result, Escalation(input.EscalationRules, result));
    }

    private static List<StepDeadline> Deadlines(IReadOnlyList<StepDeadlineInput?>? deadlines, string field)
    {
        var expected = GridRules.Urgencies.Length * CategoryCatalog.Steps.Length;
        if (deadlines is null || deadlines.Count != expected)
            throw DomainException.Invalid(field, $"Give one deadline for each urgency ({string.Join(", ", GridRules.Urgencies)}) × step ({string.Join(", ", CategoryCatalog.Steps)}): {expected} in all.");
        var result = new List<StepDeadline>();
        for (var i = 0; i < deadlines.Count; i++)
        {
            var f = $"{field}[{i}]";
            var d = deadlines[i] ?? throw DomainException.Invalid(f, "A deadline is an object.");
            if (!GridRules.Urgencies.Contains(d.Urgency)) throw DomainException.Invalid($"{f}.urgency", $"The urgency is one of {string.Join(", ", GridRules.Urgencies)}.");
            if (!CategoryCatalog.Steps.Contains(d.Step)) throw DomainException.Invalid($"{f}.step", $"The step is one of {string.Join(", ", CategoryCatalog.Steps)}.");
            if (d.Minutes is not (>= 1 and <= MaxMinutes)) throw DomainException.Invalid($"{f}.minutes", $"A deadline is 1 to {MaxMinutes} minutes (a year).");
            if (result.Any(r => r.Urgency == d.Urgency && r.Step == d.Step)) throw DomainException.Invalid(f, $"The deadline for {d.Urgency} {d.Step} is given twice.");
            result.Add(new StepDeadline(d.Urgency!, d.Step!, d.Minutes.Value));
        }
        return result;
    }

    private static List<EscalationRuleData> Escalation(IReadOnlyList<EscalationRuleInput?>? rules, List<CategoryRules> categories)
    {
        if (rules is null) throw DomainException.Invalid("escalationRules", "Give the full list of escalation rules (an empty list for none).");
        if (rules.Count > 200) throw DomainException.Invalid("escalationRules", "At most 200 escalation rules.");
        var result = new List<EscalationRuleData>();
        for (var i = 0; i < rules.Count; i++)
        {
            var f = $"escalationRules[{i}]";
            var r = rules[i] ?? throw DomainException.Invalid(f, "An escalation rule is an object.");
            if (!GridRules.OrgLevels.Contains(r.OrgLevel)) throw DomainException.Invalid($"{f}.orgLevel", $"The org level is one of {string.Join(", ", GridRules.OrgLevels)}.");
            if (r.Category is not null && categories.All(c => c.Code != r.Category))
                throw DomainException.Invalid($"{f}.category", $"'{r.Category}' is not one of the categories given (null matches any).");
            if (r.Urgency is not null && !GridRules.Urgencies.Contains(r.Urgency))
                throw DomainException.Invalid($"{f}.urgency", $"The urgency is one of {string.Join(", ", GridRules.Urgencies)} (null matches any).");
            if (!CategoryCatalog.Steps.Contains(r.Step)) throw DomainException.Invalid($"{f}.step", $"The step is one of {string.Join(", ", CategoryCatalog.Steps)}.");
            var rule = new EscalationRuleData(r.OrgLevel!, r.Category, r.Urgency, r.Step!);
            if (result.Contains(rule)) throw DomainException.Invalid(f, "The same escalation rule is given twice.");
            result.Add(rule);
        }
        return result;
    }
}

/// <summary>A proposed rules document as the client sends it: every field nullable so that a missing one is refused by name.</summary>
public sealed record GridRulesInput(IReadOnlyList<CategoryInput?>? Categories, IReadOnlyList<EscalationRuleInput?>? EscalationRules);

public sealed record CategoryInput(string? Code, string? Name, string? OwningDepartmentKind, bool? IsDispute, bool? OfferedToCitizens, bool? CountsWorkingTime,
    IReadOnlyList<StepDeadlineInput?>? Deadlines);

public sealed record StepDeadlineInput(string? Urgency, string? Step, int? Minutes);

public sealed record EscalationRuleInput(string? OrgLevel, string? Category, string? Urgency, string? Step);
