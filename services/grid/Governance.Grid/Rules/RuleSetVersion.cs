using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Rules;

/// <summary>
/// One version of the grid's rules, never changed once written: who made it, when, why, what changed,
/// from when it applies, and the whole document. The version in effect at a moment is the one with
/// the latest <see cref="EffectiveFrom"/> not after it; effective times never go backwards.
/// </summary>
public sealed class RuleSetVersion
{
    public int Version { get; init; }
    public DateTime EffectiveFrom { get; init; }
    public DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required string Note { get; init; }

    /// <summary>What changed from the version before, e.g. "categories changed: dispute".</summary>
    public required string Summary { get; init; }

    /// <summary><see cref="GridRules"/> as JSON.</summary>
    public required string Document { get; init; }

    /// <summary>The seeded first version applies from long before any incident.</summary>
    public static readonly DateTime SeedEffectiveFrom = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
}

/// <summary>Which version the tables <c>categories</c>, <c>category_deadlines</c> and <c>escalation_rules</c> now hold (one row).</summary>
public sealed class AppliedRules
{
    public int Id { get; init; } = 1;
    public int Version { get; set; }
    public Guid Stamp { get; set; } = Guid.NewGuid();
}

internal sealed class RuleSetVersionConfiguration : IEntityTypeConfiguration<RuleSetVersion>
{
    public void Configure(EntityTypeBuilder<RuleSetVersion> v)
    {
        v.ToTable("rule_versions");
        v.HasKey(x => x.Version);
        v.Property(x => x.Version).ValueGeneratedNever();
        v.Property(x => x.CreatedBy).HasMaxLength(200);
        v.Property(x => x.Note).HasMaxLength(2000);
        v.Property(x => x.Summary).HasMaxLength(2000);
        v.HasIndex(x => x.EffectiveFrom);
        v.IsAppendOnly();
        v.HasData(new RuleSetVersion
        {
            Version = 1, EffectiveFrom = RuleSetVersion.SeedEffectiveFrom, CreatedAt = RuleSetVersion.SeedEffectiveFrom, CreatedBy = "seed",
            Note = "The seeded catalogue", Summary = "first version", Document = GridRules.Defaults().ToJson(),
        });
    }
}

internal sealed class AppliedRulesConfiguration : IEntityTypeConfiguration<AppliedRules>
{
    public void Configure(EntityTypeBuilder<AppliedRules> a)
    {
        a.ToTable("rules_applied");
        a.HasKey(x => x.Id);
        a.Property(x => x.Id).ValueGeneratedNever();
        a.Property(x => x.Stamp).IsConcurrencyToken();
        a.HasData(new AppliedRules { Id = 1, Version = 1, Stamp = new Guid("6f1c4a55-0d55-4c9e-9a36-1a7a3f4f0001") });
    }
}
