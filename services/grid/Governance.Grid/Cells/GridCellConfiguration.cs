using Governance.Grid.Org;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Cells;

internal sealed class GridCellConfiguration : IEntityTypeConfiguration<GridCell>
{
    public void Configure(EntityTypeBuilder<GridCell> cell)
    {
        cell.ToTable("grid_cells");
        cell.HasKey(c => c.Id);
        cell.Property(c => c.Code).HasMaxLength(15);
        cell.HasIndex(c => c.Code).IsUnique();
        cell.Property(c => c.CommunityPath).HasMaxLength(256);
        cell.HasIndex(c => c.CommunityPath);
        cell.Property(c => c.Sequence).HasMaxLength(3);
        cell.Property(c => c.Name).HasMaxLength(100);
        cell.Property(c => c.Type).HasConversion<string>().HasMaxLength(32);
        cell.Property(c => c.Version).IsConcurrencyToken();
        cell.Ignore(c => c.OrgPath);
    }
}

internal sealed class OrgNodeReplicaConfiguration : IEntityTypeConfiguration<OrgNodeReplica>
{
    public void Configure(EntityTypeBuilder<OrgNodeReplica> node)
    {
        node.ToTable("org_nodes");
        node.HasKey(n => n.NodeId);
        node.Property(n => n.Path).HasMaxLength(256);
        node.HasIndex(n => n.Path);
        node.Property(n => n.Name).HasMaxLength(100);
        node.Property(n => n.Level).HasMaxLength(16);
    }
}
