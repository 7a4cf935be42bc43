using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Houses;

/// <summary>
/// A place people live or work in, one level of compound (小区/院落) → building (楼栋) → unit (单元) → room (户/房间),
/// the levels the grid service keeps below a grid (DOMAIN.md). Each holds the org path of the grid or community
/// it lies in, the same for a whole compound, so that every read and write is scoped like a person's. No person
/// is in it: who lives where is the households' and moves' business.
/// </summary>
public sealed class House
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 200;

    public Guid Id { get; init; }
    /// <summary>compound, building, unit or room (<see cref="HouseNames.Kinds"/>).</summary>
    public required string Kind { get; init; }
    /// <summary>Unique among its siblings (and among the top-level houses of its org), e.g. <c>3</c> for 3栋, <c>0502</c> for a room.</summary>
    public required string Code { get; init; }
    public required string Name { get; set; }
    public Guid? ParentId { get; init; }
    /// <summary>The grid or community it lies in; a child's is its parent's.</summary>
    public required string OrgPath { get; init; }
    public string? Address { get; set; }
    /// <summary>residential, rental, commercial or mixed; a room always has one.</summary>
    public string? Use { get; set; }
    /// <summary>occupied or vacant: a room's only.</summary>
    public string? Occupancy { get; set; }
    /// <summary>Where it is (WGS84), for the map: a point is enough below the grid.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>The grid the point lies in, as the grid service located it (<see cref="GridPlacement"/>); null without a point or a grid service.</summary>
    public string? GridCode { get; set; }
    /// <summary>The grid sub-level this house is (compound, building or unit), when it came from grid's events (<see cref="GridAreaFollower"/>).</summary>
    public Guid? GridAreaId { get; set; }
    /// <summary>When the grid's last applied event about the area happened: an older one arriving late changes nothing.</summary>
    public DateTime? GridSyncedAt { get; set; }
    public DateTime RegisteredAt { get; init; }
    /// <summary>The subject who registered it, or <c>grid</c> for a sub-level drawn in the grid service.</summary>
    public required string RegisteredBy { get; init; }
    /// <summary>Bumped by every edit (<see cref="HouseEdit"/>), which names the version it read; not by the occupancy that moves set.</summary>
    public int Version { get; set; } = 1;
}

internal sealed class HouseConfiguration : IEntityTypeConfiguration<House>
{
    public void Configure(EntityTypeBuilder<House> h)
    {
        h.ToTable("houses");
        h.HasKey(x => x.Id);
        h.Property(x => x.Kind).HasMaxLength(16);
        h.Property(x => x.Code).HasMaxLength(House.MaxCodeLength);
        h.Property(x => x.Name).HasMaxLength(House.MaxNameLength);
        h.Property(x => x.OrgPath).HasMaxLength(256);
        h.Property(x => x.Address).HasMaxLength(House.MaxAddressLength);
        h.Property(x => x.Use).HasMaxLength(16);
        h.Property(x => x.Occupancy).HasMaxLength(16);
        h.Property(x => x.RegisteredBy).HasMaxLength(64);
        h.Property(x => x.GridCode).HasMaxLength(15);
        h.Property(x => x.Version).HasDefaultValue(1).IsConcurrencyToken();
        // One code per place, decided by the database when two register at once: among a parent's children,
        // and among the top-level houses of an org (a null parent would not be unique in an index of both).
        h.HasIndex(x => new { x.ParentId, x.Code }).IsUnique().HasFilter("\"ParentId\" IS NOT NULL");
        h.HasIndex(x => new { x.OrgPath, x.Code }).IsUnique().HasFilter("\"ParentId\" IS NULL");
        h.HasIndex(x => x.GridAreaId).IsUnique();
        h.HasOne<House>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
