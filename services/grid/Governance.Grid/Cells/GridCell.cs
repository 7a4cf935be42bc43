namespace Governance.Grid.Cells;

public enum GridCellType
{
    ResidentialCompound,
    Institution,
    RentalCluster,
    CommercialStreet,
    RuralVillage,
    Mixed,
}

/// <summary>A grid: a closed polygon in a community, with the people responsible for it.</summary>
public sealed class GridCell
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>15 digits: county 6 + street 3 + community 3 + sequence 3.</summary>
    public required string Code { get; init; }

    /// <summary>The community's org path; the cell's own org path adds its sequence.</summary>
    public required string CommunityPath { get; set; }

    public required string Sequence { get; init; }
    public required string Name { get; set; }
    public GridCellType Type { get; set; }

    /// <summary>The boundary as GeoJSON (Polygon or MultiPolygon, WGS84).</summary>
    public required string Geometry { get; set; }

    public int? Households { get; set; }
    public int? Population { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? RetiredAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public string OrgPath => CommunityPath + "/" + Sequence;
}
