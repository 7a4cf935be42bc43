using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// One row of the routing rules, held as data so the centre changes where alerts go without a release: which alerts it
/// covers (a kind or any, a priority range, an area of the org tree or everywhere) and what to do with them (a grid
/// incident of a category and urgency, the camera owner's maintenance, or nothing). The most specific matching rule
/// wins (<see cref="RuleMatcher"/>). The whole set changes at once, versioned (<see cref="RoutingRuleSet"/>).
/// </summary>
public sealed class RoutingRule
{
    public int Id { get; init; }
    /// <summary>An alert kind (Alerts.AlertKinds); null for any kind.</summary>
    public string? Kind { get; init; }
    /// <summary>The priority range it covers, inclusive, 1 (highest) to 4.</summary>
    public int PriorityFrom { get; init; }
    public int PriorityTo { get; init; }
    /// <summary>An org path prefix (the rule covers that subtree); empty for everywhere.</summary>
    public string Area { get; init; } = "";
    /// <summary>incident, maintenance or none (Alerts.AlertRoutes).</summary>
    public required string Action { get; init; }
    /// <summary>For an incident: grid's category code (e.g. safety_hazard).</summary>
    public string? Category { get; init; }
    /// <summary>For an incident: normal, urgent or critical.</summary>
    public string? Urgency { get; init; }
    /// <summary>A department code the alert is sent to (optional), e.g. the owner's maintenance unit.</summary>
    public string? Department { get; init; }
}

/// <summary>The rule set's version (one row): a change names the version it read, so two editors never overwrite each other.</summary>
public sealed class RoutingRuleSet
{
    public const int TheOne = 1;

    public int Id { get; init; } = TheOne;
    public int Version { get; set; } = 1;
    public DateTime? ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> r)
    {
        r.ToTable("routing_rules");
        r.HasKey(x => x.Id);
        r.Property(x => x.Id).ValueGeneratedNever();
        r.Property(x => x.Kind).HasMaxLength(32);
        r.Property(x => x.Area).HasMaxLength(256);
        r.Property(x => x.Action).HasMaxLength(16);
        r.Property(x => x.Category).HasMaxLength(64);
        r.Property(x => x.Urgency).HasMaxLength(16);
        r.Property(x => x.Department).HasMaxLength(64);
        // The platform routes out of the box: the defaults are part of the schema.
        r.HasData(DefaultRoutingRules.All);
    }
}

internal sealed class RoutingRuleSetConfiguration : IEntityTypeConfiguration<RoutingRuleSet>
{
    public void Configure(EntityTypeBuilder<RoutingRuleSet> s)
    {
        s.ToTable("routing_rule_sets");
        s.HasKey(x => x.Id);
        s.Property(x => x.Id).ValueGeneratedNever();
        s.Property(x => x.ChangedBy).HasMaxLength(64);
        s.Property(x => x.Version).IsConcurrencyToken();
        s.HasData(new RoutingRuleSet { Id = RoutingRuleSet.TheOne, Version = 1 });
    }
}
