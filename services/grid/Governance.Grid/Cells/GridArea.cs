using Governance.Contracts.Grid;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Cells;

/// <summary>
/// A sub-level of a grid (DOMAIN.md): a compound (小区/院落), a building (楼栋) in it, or a unit
/// (单元) of a building. Where people live, below the grid, without any person in it.
/// </summary>
public sealed class GridArea
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string GridCode { get; init; }

    /// <summary>compound, building or unit: a building sits in a compound (or straight in the grid), a unit in a building.</summary>
    public required string Kind { get; init; }

    /// <summary>
    /// Unique among its siblings in the grid: letters, digits and hyphens (e.g. <c>3</c> for 3号楼). Population's houses
    /// carry the same code at the same level (<c>GridAreaRegistered</c>), so a room's address reads the same in both.
    /// </summary>
    public required string Code { get; init; }

    public required string Name { get; set; }
    public Guid? ParentId { get; init; }
    public int? Households { get; set; }

    /// <summary>Where it is, for the map: a point is enough below the grid.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    public const int MaxCodeLength = 32;

    public static readonly string[] Kinds = ["compound", "building", "unit"];

    /// <summary>The event announcing this area, from the grid at <paramref name="orgPath"/>.</summary>
    public GridAreaRegistered Registered(string orgPath, DateTime occurredAt) =>
        new(Id, GridCode, orgPath, Kind, Code, Name, ParentId, Latitude, Longitude, occurredAt);

    /// <summary>The event announcing a change of its name or point.</summary>
    public GridAreaChanged Changed(string orgPath, DateTime occurredAt) =>
        new(Id, GridCode, orgPath, Kind, Code, Name, ParentId, Latitude, Longitude, occurredAt);

    public static bool IsValidCode(string code) =>
        code.Length is > 0 and <= MaxCodeLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The kind a parent must be for <paramref name="kind"/>: none (the grid itself) for a compound.</summary>
    public static string[] ParentKindsFor(string kind) => kind switch
    {
        "building" => ["compound"],
        "unit" => ["building"],
        _ => [],
    };
}

internal sealed class GridAreaConfiguration : IEntityTypeConfiguration<GridArea>
{
    public void Configure(EntityTypeBuilder<GridArea> area)
    {
        area.ToTable("grid_areas");
        area.HasKey(a => a.Id);
        area.Property(a => a.GridCode).HasMaxLength(15);
        area.Property(a => a.Kind).HasMaxLength(16);
        area.Property(a => a.Name).HasMaxLength(100);
        area.Property(a => a.Code).HasMaxLength(GridArea.MaxCodeLength);
        // One code per place, decided by the database when two draw at once (a null parent is not unique in one index).
        area.HasIndex(a => new { a.GridCode, a.ParentId, a.Code }).IsUnique().HasFilter("\"ParentId\" IS NOT NULL");
        area.HasIndex(a => new { a.GridCode, a.Code }).IsUnique().HasFilter("\"ParentId\" IS NULL");
        area.HasIndex(a => new { a.GridCode, a.ParentId, a.Name }).IsUnique();
        area.HasOne<GridArea>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
