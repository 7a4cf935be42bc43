using Governance.Assessment.Data;
using Governance.ServiceDefaults.Problems;
using Governance.ServiceDefaults.Versioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Indicators;

/// <summary>One version of the indicator library (<see cref="IndicatorLibrary"/> as JSON): see <see cref="DocumentVersion"/>.</summary>
public sealed class IndicatorLibraryVersion : DocumentVersion;

internal sealed class IndicatorLibraryVersionConfiguration : IEntityTypeConfiguration<IndicatorLibraryVersion>
{
    public void Configure(EntityTypeBuilder<IndicatorLibraryVersion> v) => v.IsDocumentVersions("indicator_library_versions", new IndicatorLibraryVersion
    {
        Version = 1, EffectiveFrom = DocumentVersion.SeedEffectiveFrom, CreatedAt = DocumentVersion.SeedEffectiveFrom, CreatedBy = "seed",
        Note = "The seeded indicator library", Summary = "first version", Document = IndicatorLibrary.Defaults().ToJson(),
    });
}

/// <summary>The indicator library as a versioned document: the version in effect, the latest, a given one, new versions.</summary>
public sealed class IndicatorBook(AssessmentDb db, TimeProvider clock) : VersionedDocuments<IndicatorLibraryVersion, IndicatorLibrary>(db, clock)
{
    protected override string Serialize(IndicatorLibrary document) => document.ToJson();
    protected override IndicatorLibrary Deserialize(string json) => IndicatorLibrary.FromJson(json);
    protected override string Summarize(IndicatorLibrary after, IndicatorLibrary before) => after.Summary(before);
    protected override DomainException NoneInEffect(DateTime at) => DomainException.NotFound($"No indicator library was in effect at {at:O}.");
    protected override DomainException NoSuchVersion(int version) => DomainException.NotFound($"No indicator library version {version}.");
}
