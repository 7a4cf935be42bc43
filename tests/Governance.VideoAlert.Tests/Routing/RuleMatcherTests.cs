using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Routing;

namespace Governance.VideoAlert.Tests.Routing;

/// <summary>The most specific rule wins: deepest area, then a named kind over any, then the narrowest priority range.</summary>
public sealed class RuleMatcherTests
{
    private static readonly RoutingRule[] Rules =
    [
        new() { Id = 1, Kind = null, PriorityFrom = 1, PriorityTo = 4, Action = AlertRoutes.None },
        new() { Id = 2, Kind = AlertKinds.FireSmoke, PriorityFrom = 1, PriorityTo = 4, Action = AlertRoutes.Incident, Category = "safety_hazard", Urgency = "urgent" },
        new() { Id = 3, Kind = AlertKinds.FireSmoke, PriorityFrom = 1, PriorityTo = 1, Action = AlertRoutes.Incident, Category = "safety_hazard", Urgency = "critical" },
        new() { Id = 4, Kind = null, PriorityFrom = 1, PriorityTo = 4, Area = "632801/001", Action = AlertRoutes.Maintenance },
        new() { Id = 5, Kind = AlertKinds.FireSmoke, PriorityFrom = 2, PriorityTo = 4, Area = "632801/001/002", Action = AlertRoutes.None },
        new() { Id = 6, Kind = AlertKinds.Flooding, PriorityFrom = 1, PriorityTo = 4, Area = "632801/001/00", Action = AlertRoutes.None },
    ];

    [Theory]
    [InlineData("fire_smoke", 1, "632801/009/001", 3)]      // the narrowest range of the named kind, everywhere
    [InlineData("fire_smoke", 2, "632801/009/001", 2)]      // named kind over any
    [InlineData("intrusion", 2, "632801/009/001", 1)]       // only the catch-all
    [InlineData("intrusion", 2, "632801/001/003", 4)]       // a deeper area beats a named kind everywhere
    [InlineData("fire_smoke", 1, "632801/001/003", 4)]      // ... even the narrowest range
    [InlineData("fire_smoke", 3, "632801/001/002/001", 5)]  // the deepest area covering it
    [InlineData("fire_smoke", 1, "632801/001/002/001", 4)]  // rule 5's range misses priority 1: the street's rule
    [InlineData("flooding", 1, "632801/001/002", 4)]        // areas match whole segments: 632801/001/00 is not a prefix of 632801/001/002
    public void The_most_specific_rule_wins(string kind, int priority, string org, int expected) =>
        Assert.Equal(expected, RuleMatcher.Match(Rules, kind, priority, org)?.Id);

    [Fact]
    public void No_rule_covering_the_alert_matches_nothing() =>
        Assert.Null(RuleMatcher.Match(Rules.Where(r => r.Kind is not null).ToList(), AlertKinds.Intrusion, 1, "632801"));

    [Fact]
    public void The_defaults_route_every_kind_and_priority()
    {
        foreach (var kind in AlertKinds.All)
            for (var p = 1; p <= 4; p++)
            {
                var rule = RuleMatcher.Match(DefaultRoutingRules.All, kind, p, "632801/001/002/001");
                Assert.NotNull(rule);
                Assert.Equal(AlertKinds.DeviceFaults.Contains(kind) ? AlertRoutes.Maintenance : kind == AlertKinds.Other ? AlertRoutes.None : AlertRoutes.Incident, rule.Action);
            }
        Assert.Equal("critical", RuleMatcher.Match(DefaultRoutingRules.All, AlertKinds.FireSmoke, 1, "632801")!.Urgency);
    }
}
