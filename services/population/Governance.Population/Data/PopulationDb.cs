using Governance.Messaging;
using Governance.Messaging.OrgPaths;
using Governance.Population.Access;
using Governance.Population.Care;
using Governance.Population.Households;
using Governance.Population.Houses;
using Governance.Population.Imports;
using Governance.Population.Moves;
using Governance.Population.Persons;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Data;

/// <summary>The population service's own database. Each feature maps its entities in an IEntityTypeConfiguration beside them.</summary>
public sealed class PopulationDb(DbContextOptions<PopulationDb> options) : DbContext(options)
{
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<PersonRead> PersonReads => Set<PersonRead>();
    public DbSet<House> Houses => Set<House>();
    public DbSet<CareCase> CareCases => Set<CareCase>();
    public DbSet<CareVisit> CareVisits => Set<CareVisit>();
    public DbSet<CareAssignment> CareAssignments => Set<CareAssignment>();
    public DbSet<CareCaseRead> CareCaseReads => Set<CareCaseRead>();
    public DbSet<Stay> Stays => Set<Stay>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<HouseholdMember> HouseholdMembers => Set<HouseholdMember>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportChunk> ImportChunks => Set<ImportChunk>();
    public DbSet<ImportRejection> ImportRejections => Set<ImportRejection>();
    public DbSet<Protection.KeyRotationRun> KeyRotationRuns => Set<Protection.KeyRotationRun>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(PopulationDb).Assembly);
        model.AddOutboxAndInbox();
        model.AddOrgMoveLog();
    }
}
