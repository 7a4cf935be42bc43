using Governance.ServiceDefaults.Versioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Mediation.Levels;

/// <summary>One version of the level rules (<see cref="LevelRules"/> as JSON), and its own audit line: see <see cref="DocumentVersion"/>.</summary>
public sealed class LevelRulesVersion : DocumentVersion;

internal sealed class LevelRulesVersionConfiguration : IEntityTypeConfiguration<LevelRulesVersion>
{
    public void Configure(EntityTypeBuilder<LevelRulesVersion> v) => v.IsDocumentVersions("level_rule_versions", new LevelRulesVersion
    {
        Version = 1, EffectiveFrom = DocumentVersion.SeedEffectiveFrom, CreatedAt = DocumentVersion.SeedEffectiveFrom, CreatedBy = "seed",
        Note = "The seeded level rules", Summary = "first version", Document = LevelRules.Defaults().ToJson(),
    });
}
