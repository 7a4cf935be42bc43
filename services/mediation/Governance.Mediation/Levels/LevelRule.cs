using Governance.Mediation.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Mediation.Levels;

/// <summary>
/// Which level a new case starts at, held as data: the most specific matching rule (lowest
/// <see cref="Priority"/>) gives the level for a category (or any, when null) and a risk.
/// </summary>
public sealed class LevelRule
{
    public int Id { get; init; }
    public int Priority { get; set; }
    public DisputeCategory? Category { get; set; }
    public RiskLevel Risk { get; set; }
    public MediationLevel Level { get; set; }

    public bool Matches(DisputeCategory category, RiskLevel risk) => (Category is null || Category == category) && Risk == risk;
}

/// <summary>
/// A dispute at or above either threshold (people involved, amount at stake) starts one level
/// higher than its rule says (capped at the county): 群体性 disputes and large sums are not a grid worker's to settle.
/// </summary>
public sealed class ScaleThreshold
{
    public int Id { get; init; }
    public int PeopleInvolved { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>How long a level has to settle a case before it escalates.</summary>
public sealed class LevelDeadline
{
    public MediationLevel Level { get; init; }
    public int Days { get; set; }
}

internal sealed class LevelRuleConfiguration : IEntityTypeConfiguration<LevelRule>
{
    // Ordinary → grid worker, major → people's mediation committee, complex → street joint centre;
    // complex traffic, medical, labour and property-management disputes → the county's industry committees.
    private static readonly DisputeCategory[] IndustryCategories =
        [DisputeCategory.TrafficAccident, DisputeCategory.Medical, DisputeCategory.LabourAndWages, DisputeCategory.PropertyManagement];

    public void Configure(EntityTypeBuilder<LevelRule> r)
    {
        r.ToTable("level_rules");
        r.HasKey(x => x.Id);
        r.Property(x => x.Category).HasConversion<string>().HasMaxLength(24);
        r.Property(x => x.Risk).HasConversion<string>().HasMaxLength(16);
        r.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        r.HasData(
            new LevelRule { Id = 1, Priority = 100, Risk = RiskLevel.Ordinary, Level = MediationLevel.Grid },
            new LevelRule { Id = 2, Priority = 100, Risk = RiskLevel.Major, Level = MediationLevel.Community },
            new LevelRule { Id = 3, Priority = 100, Risk = RiskLevel.Complex, Level = MediationLevel.Street });
        r.HasData(IndustryCategories.Select((c, i) =>
            new LevelRule { Id = 10 + i, Priority = 10, Category = c, Risk = RiskLevel.Complex, Level = MediationLevel.County }));
    }
}

internal sealed class ScaleThresholdConfiguration : IEntityTypeConfiguration<ScaleThreshold>
{
    public void Configure(EntityTypeBuilder<ScaleThreshold> s)
    {
        s.ToTable("level_scale_thresholds");
        s.HasKey(x => x.Id);
        s.Property(x => x.Amount).HasPrecision(14, 2);
        // Five or more people is a group dispute (群体性纠纷); 100,000 yuan is more than a grid settles.
        s.HasData(new ScaleThreshold { Id = 1, PeopleInvolved = 5, Amount = 100_000m });
    }
}

internal sealed class LevelDeadlineConfiguration : IEntityTypeConfiguration<LevelDeadline>
{
    public void Configure(EntityTypeBuilder<LevelDeadline> d)
    {
        d.ToTable("level_deadlines");
        d.HasKey(x => x.Level);
        d.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        d.HasData(
            new LevelDeadline { Level = MediationLevel.Grid, Days = 3 },
            new LevelDeadline { Level = MediationLevel.Community, Days = 10 },
            new LevelDeadline { Level = MediationLevel.Street, Days = 15 },
            new LevelDeadline { Level = MediationLevel.County, Days = 30 });
    }
}
