using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Mediation.Levels;

/// <summary>
/// One version of the level rules, never changed once written, and its own audit line: who made it,
/// when, why, what changed, from when it applies, and the whole document. The version in effect at a
/// moment is the one with the latest <see cref="EffectiveFrom"/> not after it; effective times never go backwards.
/// </summary>
public sealed class LevelRulesVersion
{
    public int Version { get; init; }
    public DateTime EffectiveFrom { get; init; }
    public DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required string Note { get; init; }
    public required string Summary { get; init; }

    /// <summary><see cref="LevelRules"/> as JSON.</summary>
    public required string Document { get; init; }

    public static readonly DateTime SeedEffectiveFrom = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
}

internal sealed class LevelRulesVersionConfiguration : IEntityTypeConfiguration<LevelRulesVersion>
{
    public void Configure(EntityTypeBuilder<LevelRulesVersion> v)
    {
        v.ToTable("level_rule_versions");
        v.HasKey(x => x.Version);
        v.Property(x => x.Version).ValueGeneratedNever();
        v.Property(x => x.CreatedBy).HasMaxLength(200);
        v.Property(x => x.Note).HasMaxLength(Data.TextLimits.RulesNote);
        v.Property(x => x.Summary).HasMaxLength(2000);
        v.HasIndex(x => x.EffectiveFrom);
        v.IsAppendOnly();
        v.HasData(new LevelRulesVersion
        {
            Version = 1, EffectiveFrom = LevelRulesVersion.SeedEffectiveFrom, CreatedAt = LevelRulesVersion.SeedEffectiveFrom, CreatedBy = "seed",
            Note = "The seeded level rules", Summary = "first version", Document = LevelRules.Defaults().ToJson(),
        });
    }
}
