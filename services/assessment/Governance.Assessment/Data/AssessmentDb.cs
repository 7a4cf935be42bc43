using Governance.Assessment.Departments;
using Governance.Assessment.Events;
using Governance.Assessment.Facts;
using Governance.Assessment.Inspections;
using Governance.Assessment.Letters;
using Governance.Assessment.Manual;
using Governance.Assessment.Replay;
using Governance.Assessment.Tasks;
using Governance.Messaging;
using Governance.Messaging.OrgPaths;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Data;

/// <summary>The assessment service's own database. Each feature maps its entities in an IEntityTypeConfiguration beside them.</summary>
public sealed class AssessmentDb(DbContextOptions<AssessmentDb> options) : DbContext(options)
{
    public DbSet<AssessmentEvent> Events => Set<AssessmentEvent>();
    public DbSet<IncidentFact> Incidents => Set<IncidentFact>();
    public DbSet<ReturnFact> Returns => Set<ReturnFact>();
    public DbSet<DisputeFact> Disputes => Set<DisputeFact>();
    public DbSet<DisputeDeadline> DisputeDeadlines => Set<DisputeDeadline>();
    public DbSet<AlertFact> Alerts => Set<AlertFact>();
    public DbSet<InspectionFact> Inspections => Set<InspectionFact>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Letter> Letters => Set<Letter>();
    public DbSet<LetterVersion> LetterVersions => Set<LetterVersion>();
    public DbSet<Lease> Leases => Set<Lease>();

    // What people enter (manual values, monthly tasks, inspection findings): commands, not events, so replay leaves them be.
    public DbSet<ManualSubmission> ManualSubmissions => Set<ManualSubmission>();
    public DbSet<MonthlyTask> MonthlyTasks => Set<MonthlyTask>();
    public DbSet<TaskReport> TaskReports => Set<TaskReport>();
    public DbSet<Finding> Findings => Set<Finding>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(AssessmentDb).Assembly);
        model.AddOutboxAndInbox();
        model.AddOrgMoveLog();
    }
}
