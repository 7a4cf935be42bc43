using Governance.ServiceDefaults.Versioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Rules;

/// <summary>One version of the grid's rules (<see cref="GridRules"/> as JSON): see <see cref="DocumentVersion"/>.</summary>
public sealed class RuleSetVersion : DocumentVersion;

/// <summary>Which version the tables <c>categories</c>, <c>category_deadlines</c> and <c>escalation_rules</c> now hold (one row).</summary>
public sealed class AppliedRules
{
    public int Id { get; init; } = 1;
    public int Version { get; set; }
    public Guid Stamp { get; set; } = Guid.NewGuid();
}

internal sealed class RuleSetVersionConfiguration : IEntityTypeConfiguration<RuleSetVersion>
{
    public void Configure(EntityTypeBuilder<RuleSetVersion> v) => v.IsDocumentVersions("rule_versions", new RuleSetVersion
    {
        Version = 1, EffectiveFrom = DocumentVersion.SeedEffectiveFrom, CreatedAt = DocumentVersion.SeedEffectiveFrom, CreatedBy = "seed",
        Note = "The seeded catalogue", Summary = "first version", Document = GridRules.Defaults().ToJson(),
    });
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
