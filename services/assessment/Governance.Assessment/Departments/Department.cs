using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Departments;

/// <summary>
/// Assessment's copy of identity's member departments, kept from their events: whom a letter may be made for, which
/// org node a department's scorecard lies in (the caller's org scope is checked against it), and the names rankings
/// show. The id is identity's (the <c>dept</c> of a department's tokens), as text as the incidents carry it.
/// </summary>
public sealed class Department
{
    public required string DepartmentId { get; init; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The path of the org node it is attached to, as the newest event gave it.</summary>
    public string OrgPath { get; set; } = "";
    public bool Retired { get; set; }

    /// <summary>False while only a retirement has arrived: the name is still on its way.</summary>
    public bool Known { get; set; }

    /// <summary>Identity's count of the department's changes that the name, code and org came with (0: from before versions).</summary>
    public int Version { get; set; }
    public DateTime ChangedAt { get; set; }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> d)
    {
        d.ToTable("departments");
        d.HasKey(x => x.DepartmentId);
        d.Property(x => x.DepartmentId).HasMaxLength(64);
        d.Property(x => x.Code).HasMaxLength(32);
        d.Property(x => x.Name).HasMaxLength(100);
        d.Property(x => x.OrgPath).HasMaxLength(256);
    }
}
