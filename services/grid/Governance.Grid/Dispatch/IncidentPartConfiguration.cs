using Governance.Grid.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Dispatch;

internal sealed class IncidentPartConfiguration : IEntityTypeConfiguration<IncidentPart>
{
    public void Configure(EntityTypeBuilder<IncidentPart> part)
    {
        part.ToTable("incident_parts");
        part.HasKey(p => p.Id);
        part.Property(p => p.DepartmentId).HasMaxLength(64);
        part.Property(p => p.Role).HasConversion<string>().HasMaxLength(16);
        part.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        part.Property(p => p.HandlerId).HasMaxLength(64);
        part.Property(p => p.Note).HasMaxLength(2000);
        part.Ignore(p => p.IsOpen);
        // One part per department and dispatch.
        part.HasIndex(p => new { p.IncidentId, p.Round, p.DepartmentId }).IsUnique();
        part.HasIndex(p => new { p.DepartmentId, p.State });
        part.HasIndex(p => p.DispatchedAt);
        part.HasOne<Incident>().WithMany().HasForeignKey(p => p.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
