using Governance.Grid.Incidents.Categories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Incidents;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> incident)
    {
        incident.ToTable("incidents");
        incident.HasKey(i => i.Id);
        incident.Property(i => i.Number).HasMaxLength(20);
        incident.HasIndex(i => i.Number).IsUnique();
        incident.Property(i => i.Source).HasConversion<string>().HasMaxLength(16);
        incident.Property(i => i.Urgency).HasConversion<string>().HasMaxLength(16);
        incident.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
        incident.Property(i => i.Category).HasMaxLength(32);
        incident.Property(i => i.Title).HasMaxLength(200);
        incident.Property(i => i.Description).HasMaxLength(4000);
        incident.Property(i => i.Address).HasMaxLength(200);
        incident.Property(i => i.SentCoordinateSystem).HasMaxLength(8);
        incident.Property(i => i.GridCode).HasMaxLength(15);
        incident.Property(i => i.OrgPath).HasMaxLength(256);
        incident.Property(i => i.ResponsibleOrgPath).HasMaxLength(256);
        incident.Property(i => i.ReportedBy).HasMaxLength(200);
        incident.Property(i => i.ReportRequestId).HasMaxLength(IncidentInput.MaxRequestIdLength);
        // One incident per reporter and request id, decided by the database when a retry races its own first attempt.
        incident.HasIndex(i => new { i.ReportedBy, i.ReportRequestId }).IsUnique().HasFilter("\"ReportRequestId\" IS NOT NULL");
        incident.Property(i => i.DepartmentId).HasMaxLength(64);
        incident.Property(i => i.HandlerId).HasMaxLength(64);
        incident.Property(i => i.Step).HasMaxLength(16);
        incident.Property(i => i.Warning).HasMaxLength(8);
        incident.Property(i => i.Version).IsConcurrencyToken();
        incident.HasIndex(i => i.OrgPath);
        incident.HasIndex(i => new { i.DepartmentId, i.State });
        incident.HasIndex(i => i.StepWarnAt);
        incident.HasIndex(i => new { i.Category, i.ReportedAt });
        incident.HasMany(i => i.Timeline).WithOne().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentStepConfiguration : IEntityTypeConfiguration<IncidentStep>
{
    public void Configure(EntityTypeBuilder<IncidentStep> step)
    {
        step.ToTable("incident_steps");
        step.HasKey(s => s.Id);
        step.Property(s => s.Actor).HasMaxLength(200);
        step.Property(s => s.Action).HasMaxLength(32);
        step.Property(s => s.FromState).HasMaxLength(16);
        step.Property(s => s.ToState).HasMaxLength(16);
        step.Property(s => s.Note).HasMaxLength(2000);
        step.Property(s => s.Attachments).HasMaxLength(8000);
        step.HasIndex(s => s.IncidentId);
    }
}

internal sealed class IncidentCounterConfiguration : IEntityTypeConfiguration<IncidentCounter>
{
    public void Configure(EntityTypeBuilder<IncidentCounter> counter)
    {
        counter.ToTable("incident_counters");
        counter.HasKey(c => c.Day);
        counter.Property(c => c.Day).HasMaxLength(8);
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.ToTable("categories");
        category.HasKey(c => c.Code);
        category.Property(c => c.Code).HasMaxLength(32);
        category.Property(c => c.Name).HasMaxLength(100);
        category.Property(c => c.OwningDepartmentKind).HasMaxLength(32);
        category.HasMany(c => c.Deadlines).WithOne().HasForeignKey(d => d.Category).OnDelete(DeleteBehavior.Cascade);
        category.HasData(CategoryCatalog.Defaults.Select(d => new Category
        {
            Code = d.Code, Name = d.Name, OwningDepartmentKind = d.OwningDepartmentKind, IsDispute = d.IsDispute, OfferedToCitizens = true,
        }));
    }
}

internal sealed class CategoryDeadlineConfiguration : IEntityTypeConfiguration<CategoryDeadline>
{
    public void Configure(EntityTypeBuilder<CategoryDeadline> deadline)
    {
        deadline.ToTable("category_deadlines");
        deadline.HasKey(d => new { d.Category, d.Urgency, d.Step });
        deadline.Property(d => d.Urgency).HasConversion<string>().HasMaxLength(16);
        deadline.Property(d => d.Step).HasMaxLength(16);
        deadline.HasData(
            from category in CategoryCatalog.Defaults
            from urgency in Enum.GetValues<Urgency>()
            from step in CategoryCatalog.Steps
            select new CategoryDeadline { Category = category.Code, Urgency = urgency, Step = step, Minutes = CategoryCatalog.DefaultMinutes(category, urgency, step) });
    }
}

internal sealed class EscalationRuleConfiguration : IEntityTypeConfiguration<EscalationRule>
{
    public void Configure(EntityTypeBuilder<EscalationRule> rule)
    {
        rule.ToTable("escalation_rules");
        rule.HasKey(r => r.Id);
        rule.Property(r => r.OrgLevel).HasMaxLength(16);
        rule.Property(r => r.Category).HasMaxLength(32);
        rule.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(16);
        rule.Property(r => r.Step).HasMaxLength(16);
        rule.HasData(EscalationRule.Defaults);
    }
}
