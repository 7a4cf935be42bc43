using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Departments;

/// <summary>
/// The grid service's copy of identity's member departments, kept from their events: what a dispatch
/// may name. The id is identity's (the <c>dept</c> of a department's tokens), kept as text as the
/// incidents keep it.
/// </summary>
public sealed class DepartmentReplica
{
    public required string DepartmentId { get; init; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }

    /// <summary>The org node it is attached to; its path is read from the org copy, which follows moves.</summary>
    public Guid OrgNodeId { get; set; }

    /// <summary>The node's path as the last event gave it, for when the org copy does not know the node yet.</summary>
    public required string OrgPath { get; set; }

    public bool Retired { get; set; }

    /// <summary>False while only a retirement has arrived: the department's name and kind are still on their way.</summary>
    public bool Known { get; set; }

    /// <summary>
    /// Identity's version of the department's state (its count of changes) that the copy's name, code, kind and org came
    /// with: a message with an older one changes nothing. A retirement does not advance it (it carries none of them). 0 for
    /// events from before versions, and for a stub only a retirement made.
    /// </summary>
    public int Version { get; set; }

    /// <summary>When the last message applied here occurred: among messages of one version (0: from before versions), an older one arriving late changes nothing.</summary>
    public DateTime ChangedAt { get; set; }
}

internal sealed class DepartmentReplicaConfiguration : IEntityTypeConfiguration<DepartmentReplica>
{
    public void Configure(EntityTypeBuilder<DepartmentReplica> department)
    {
        department.ToTable("departments");
        department.HasKey(d => d.DepartmentId);
        department.Property(d => d.DepartmentId).HasMaxLength(64);
        department.Property(d => d.Code).HasMaxLength(32);
        department.Property(d => d.Name).HasMaxLength(100);
        department.Property(d => d.Kind).HasMaxLength(32);
        department.Property(d => d.OrgPath).HasMaxLength(256);
    }
}
