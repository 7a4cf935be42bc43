using Governance.VideoAlert.Alerts;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// The rules a deployment starts with. Events in public places become grid incidents in grid's own categories
/// (grid's CategoryCatalog: safety_hazard 安全隐患, street_order 街面秩序), more urgent at priorities 1–2; the device's own
/// faults go to its owner's maintenance; anything else (kind other) is recorded and routed nowhere.
/// </summary>
public static class DefaultRoutingRules
{
    public const string SafetyHazard = "safety_hazard";
    public const string StreetOrder = "street_order";

    public static readonly IReadOnlyList<RoutingRule> All = Build();

    private static RoutingRule[] Build()
    {
        var id = 0;
        var rules = new List<RoutingRule>();
        void Incident(string kind, string category, string high, string low)
        {
            rules.Add(new RoutingRule { Id = ++id, Kind = kind, PriorityFrom = 1, PriorityTo = 2, Action = AlertRoutes.Incident, Category = category, Urgency = high });
            rules.Add(new RoutingRule { Id = ++id, Kind = kind, PriorityFrom = 3, PriorityTo = 4, Action = AlertRoutes.Incident, Category = category, Urgency = low });
        }
        Incident(AlertKinds.FireSmoke, SafetyHazard, "critical", "urgent");
        Incident(AlertKinds.Flooding, SafetyHazard, "urgent", "normal");
        Incident(AlertKinds.Intrusion, SafetyHazard, "urgent", "normal");
        Incident(AlertKinds.AbandonedObject, SafetyHazard, "urgent", "normal");
        Incident(AlertKinds.RoadBlocked, StreetOrder, "urgent", "normal");
        Incident(AlertKinds.CrowdDensity, StreetOrder, "urgent", "normal");
        foreach (var fault in AlertKinds.All.Where(AlertKinds.DeviceFaults.Contains))
            rules.Add(new RoutingRule { Id = ++id, Kind = fault, PriorityFrom = 1, PriorityTo = 4, Action = AlertRoutes.Maintenance });
        rules.Add(new RoutingRule { Id = ++id, Kind = null, PriorityFrom = 1, PriorityTo = 4, Action = AlertRoutes.None });
        return [.. rules];
    }
}
