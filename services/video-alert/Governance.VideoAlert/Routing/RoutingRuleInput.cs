using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Alerts;

namespace Governance.VideoAlert.Routing;

/// <summary>One rule as the console sends it; <c>kind</c> null or "any" for any kind, <c>area</c> empty for everywhere.</summary>
public sealed record RoutingRuleInput(string? Kind, int? PriorityFrom, int? PriorityTo, string? Area, string? Action, string? Category, string? Urgency, string? Department);

/// <summary>The whole rule set, and the version it replaces.</summary>
public sealed record RoutingRulesChange(int? Version, IReadOnlyList<RoutingRuleInput?>? Rules);

/// <summary>The rule set in effect.</summary>
public sealed record RoutingRulesView(int Version, DateTime? ChangedAt, string? ChangedBy, IReadOnlyList<RoutingRuleInput> Rules)
{
    public static RoutingRuleInput Of(RoutingRule r) =>
        new(r.Kind ?? RoutingRuleChecks.Any, r.PriorityFrom, r.PriorityTo, r.Area, r.Action, r.Category, r.Urgency, r.Department);
}

/// <summary>Each field of a rule checked, refused with the field's path (<c>rules[3].category</c>) before anything is written.</summary>
public static class RoutingRuleChecks
{
    public const string Any = "any";
    public const int MaxRules = 500;
    private static readonly string[] Urgencies = ["normal", "urgent", "critical"];
    private static readonly string[] Actions = [AlertRoutes.Incident, AlertRoutes.Maintenance, AlertRoutes.None];

    public static IReadOnlyList<RoutingRule> Check(IReadOnlyList<RoutingRuleInput?>? rules)
    {
        if (rules is null || rules.Count == 0) throw DomainException.Invalid("rules", "Give at least one rule; a catch-all (kind any, priority 1 to 4, everywhere) routes what no other rule covers.");
        if (rules.Count > MaxRules) throw DomainException.Invalid("rules", $"At most {MaxRules} rules.");
        var checkedRules = rules.Select((r, i) => One(r, $"rules[{i}]", i + 1)).ToList();
        var seen = new HashSet<(string?, int, int, string)>();
        for (var i = 0; i < checkedRules.Count; i++)
        {
            var r = checkedRules[i];
            if (!seen.Add((r.Kind, r.PriorityFrom, r.PriorityTo, r.Area)))
                throw DomainException.Invalid($"rules[{i}]", $"Rule {i} covers the same kind, priorities and area as an earlier rule: one of them would never apply.");
        }
        return checkedRules;
    }

    private static RoutingRule One(RoutingRuleInput? input, string at, int id)
    {
        if (input is null) throw DomainException.Invalid(at, $"Rule {at} is empty.");
        var kind = input.Kind is null or Any ? null
            : AlertKinds.IsKnown(input.Kind) ? input.Kind
            : throw DomainException.Invalid($"{at}.kind", $"The kind '{input.Kind}' is not one of any, {string.Join(", ", AlertKinds.All)}.");
        var from = input.PriorityFrom ?? 1;
        var to = input.PriorityTo ?? 4;
        if (from is < 1 or > 4) throw DomainException.Invalid($"{at}.priorityFrom", "The priority must be 1 (highest) to 4.");
        if (to is < 1 or > 4) throw DomainException.Invalid($"{at}.priorityTo", "The priority must be 1 (highest) to 4.");
        if (from > to) throw DomainException.Invalid($"{at}.priorityTo", "The priority range must not end before it starts.");
        var area = input.Area ?? "";
        if (area.Length > 0 && !OrgPath.TryParse(area, out _))
            throw DomainException.Invalid($"{at}.area", "The area must be an org path (codes separated by '/'), or empty for everywhere.");
        var action = input.Action is { } a && Actions.Contains(a) ? a
            : throw DomainException.Invalid($"{at}.action", "The action must be incident, maintenance or none.");
        string? category = null, urgency = null;
        if (action == AlertRoutes.Incident)
        {
            category = input.Category?.Trim() is { Length: > 0 and <= 64 } c ? c
                : throw DomainException.Invalid($"{at}.category", "An incident rule names grid's incident category (1 to 64 characters), e.g. safety_hazard.");
            urgency = input.Urgency ?? "normal";
            if (!Urgencies.Contains(urgency)) throw DomainException.Invalid($"{at}.urgency", "The urgency must be normal, urgent or critical.");
        }
        else if (input.Category is { Length: > 0 } || input.Urgency is { Length: > 0 })
            throw DomainException.Invalid($"{at}.category", "Only an incident rule names a category and an urgency.");
        var department = input.Department?.Trim() is { Length: > 0 } d
            ? d.Length <= 64 ? d : throw DomainException.Invalid($"{at}.department", "The department code must be at most 64 characters.")
            : null;
        return new RoutingRule { Id = id, Kind = kind, PriorityFrom = from, PriorityTo = to, Area = area, Action = action, Category = category, Urgency = urgency, Department = department };
    }
}
