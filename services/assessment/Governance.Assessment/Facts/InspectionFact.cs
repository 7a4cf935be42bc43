using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Facts;

/// <summary>
/// One rental inspection as population's <c>RentalInspected</c> told it: the day it was made, the day it was due by and
/// whether it was on time (the producer's verdict). An inspection never changes once made, so its first delivery sets
/// the row and a redelivery changes nothing. No person: a rental house and its org only.
/// </summary>
public sealed class InspectionFact
{
    public Guid InspectionId { get; init; }
    public Guid HouseId { get; init; }
    public string OrgPath { get; init; } = "";
    public DateOnly InspectedOn { get; init; }
    public DateOnly DueBy { get; init; }
    public bool OnTime { get; init; }

    /// <summary>The start of <see cref="InspectedOn"/> in China time, as UTC: what a period's bounds are compared with.</summary>
    public DateTime InspectedAt { get; init; }
}

internal sealed class InspectionFactConfiguration : IEntityTypeConfiguration<InspectionFact>
{
    public void Configure(EntityTypeBuilder<InspectionFact> f)
    {
        f.ToTable("inspection_facts");
        f.HasKey(x => x.InspectionId);
        f.Property(x => x.OrgPath).HasMaxLength(256);
        f.HasIndex(x => new { x.OrgPath, x.InspectedAt });
    }
}
