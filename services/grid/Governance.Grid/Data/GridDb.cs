using Governance.Grid.Cells;
using Governance.Grid.Departments;
using Governance.Grid.Dispatch;
using Governance.Grid.Incidents;
using Governance.Grid.Incidents.Categories;
using Governance.Grid.Open311;
using Governance.Grid.Org;
using Governance.Messaging;
using Governance.Messaging.OrgPaths;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Data;

/// <summary>The grid service's own database. Each feature maps its entities in an IEntityTypeConfiguration beside them.</summary>
public sealed class GridDb(DbContextOptions<GridDb> options) : DbContext(options)
{
    public DbSet<GridCell> Cells => Set<GridCell>();
    public DbSet<OrgNodeReplica> OrgNodes => Set<OrgNodeReplica>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentStep> IncidentSteps => Set<IncidentStep>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<CategoryDeadline> CategoryDeadlines => Set<CategoryDeadline>();
    public DbSet<EscalationRule> EscalationRules => Set<EscalationRule>();
    public DbSet<Open311Client> Open311Clients => Set<Open311Client>();
    public DbSet<DepartmentReplica> Departments => Set<DepartmentReplica>();
    public DbSet<IncidentPart> IncidentParts => Set<IncidentPart>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(GridDb).Assembly);
        model.AddOutboxAndInbox();
        model.AddOrgMoveLog();
    }
}
