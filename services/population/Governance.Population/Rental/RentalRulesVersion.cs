using Governance.ServiceDefaults.Versioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Rental;

/// <summary>One version of the rental grading rules (<see cref="RentalRules"/> as JSON), and its own audit line: see <see cref="DocumentVersion"/>.</summary>
public sealed class RentalRulesVersion : DocumentVersion;

internal sealed class RentalRulesVersionConfiguration : IEntityTypeConfiguration<RentalRulesVersion>
{
    public void Configure(EntityTypeBuilder<RentalRulesVersion> v) => v.IsDocumentVersions("rental_rule_versions", new RentalRulesVersion
    {
        Version = 1, EffectiveFrom = DocumentVersion.SeedEffectiveFrom, CreatedAt = DocumentVersion.SeedEffectiveFrom, CreatedBy = "seed",
        Note = "The seeded rental grading rules", Summary = "first version", Document = RentalRules.Defaults().ToJson(),
    });
}
