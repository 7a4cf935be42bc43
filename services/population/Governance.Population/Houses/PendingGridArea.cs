using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Houses;

/// <summary>
/// A grid sub-level whose parent has not arrived yet (<see cref="GridAreaFollower"/>): held, the newest snapshot only,
/// and applied when the parent's house is made. Held rather than retried, because the inbox takes a queue's messages
/// in order and a retried child would hold up the very parent it waits for.
/// </summary>
public sealed class PendingGridArea
{
    public Guid AreaId { get; init; }
    public Guid ParentAreaId { get; init; }
    public required string GridCode { get; set; }
    public required string OrgPath { get; set; }
    public required string Kind { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateTime OccurredAt { get; set; }

    public GridAreaFollower.AreaSnapshot ToSnapshot() =>
        new(AreaId, GridCode, OrgPath, Kind, Code, Name, ParentAreaId, Latitude, Longitude, OccurredAt);
}

internal sealed class PendingGridAreaConfiguration : IEntityTypeConfiguration<PendingGridArea>
{
    public void Configure(EntityTypeBuilder<PendingGridArea> p)
    {
        p.ToTable("pending_grid_areas");
        p.HasKey(x => x.AreaId);
        p.HasIndex(x => x.ParentAreaId);
        p.Property(x => x.GridCode).HasMaxLength(15);
        p.Property(x => x.OrgPath).HasMaxLength(256);
        p.Property(x => x.Kind).HasMaxLength(16);
        p.Property(x => x.Code).HasMaxLength(64);
        p.Property(x => x.Name).HasMaxLength(200);
    }
}
