using Governance.Grid.Cells;
using Governance.Grid.Org;
using Governance.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Data;

/// <summary>The grid service's own database. Each feature maps its entities in an IEntityTypeConfiguration beside them.</summary>
public sealed class GridDb(DbContextOptions<GridDb> options) : DbContext(options)
{
    public DbSet<GridCell> Cells => Set<GridCell>();
    public DbSet<OrgNodeReplica> OrgNodes => Set<OrgNodeReplica>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(GridDb).Assembly);
        model.AddOutboxAndInbox();
    }
}
