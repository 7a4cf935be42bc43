using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Messaging;
using Governance.Messaging.OrgPaths;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Data;

/// <summary>The mediation service's own database. Each feature maps its entities in an IEntityTypeConfiguration beside them.</summary>
public sealed class MediationDb(DbContextOptions<MediationDb> options) : DbContext(options)
{
    public DbSet<DisputeCase> Cases => Set<DisputeCase>();
    public DbSet<Party> Parties => Set<Party>();
    public DbSet<CaseStep> CaseSteps => Set<CaseStep>();
    public DbSet<MediationBody> Bodies => Set<MediationBody>();
    public DbSet<Mediator> Mediators => Set<Mediator>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(MediationDb).Assembly);
        model.AddOutboxAndInbox();
        model.AddOrgMoveLog();
    }
}
