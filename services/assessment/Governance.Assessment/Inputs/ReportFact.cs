using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Inputs;

/// <summary>
/// One grid report (an incident as reported) for "grid workers' valid reports per day": who on the staff reported it
/// (grid's <c>IncidentReported.ReportedByStaff</c>; null for a citizen), when, where, and what became of it. A report
/// is valid when grid registered it (<c>IncidentRegistered</c>) and it was neither rejected (the <c>reject</c> step, 不予受理)
/// nor merged into another as a duplicate (the <c>merge</c> step to the merged state). Each field is set once by the
/// event that owns it, the earliest when two do, so any arrival order and any redelivery give the same row.
/// </summary>
public sealed class ReportFact
{
    public Guid IncidentId { get; init; }
    public string Number { get; set; } = "";
    public string OrgPath { get; set; } = "";
    public DateTime? OrgAt { get; set; }
    public Guid? OrgMessage { get; set; }

    /// <summary>From <c>IncidentReported</c>: null until it arrives (then the report counts nowhere yet).</summary>
    public DateTime? ReportedAt { get; set; }
    public string? Source { get; set; }
    public string? ReportedBy { get; set; }

    public DateTime? RegisteredAt { get; set; }
    public DateTime? RejectedAt { get; set; }
    public DateTime? MergedAt { get; set; }

    public int Revision { get; set; }
}

/// <summary>
/// One change of who holds a post in a grid (grid's <c>GridStaffingChanged</c>), kept as it is: who held the post when
/// is worked out from the changes when an indicator is measured. Keyed by what the change is (grid, post, user, change,
/// when), so a redelivery or a republished copy is the same row. Changes naming no account are not kept: a post holder
/// without an account cannot report through the platform, nor be counted once across grids.
/// </summary>
public sealed class StaffingChange
{
    public string GridCode { get; init; } = "";
    public string Post { get; init; } = "";
    public string UserId { get; init; } = "";
    /// <summary>assigned or ended.</summary>
    public string Change { get; init; } = "";
    public DateTime At { get; init; }
    public string OrgPath { get; init; } = "";
}

internal sealed class ReportFactConfiguration : IEntityTypeConfiguration<ReportFact>
{
    public void Configure(EntityTypeBuilder<ReportFact> f)
    {
        f.ToTable("report_facts");
        f.HasKey(x => x.IncidentId);
        f.Property(x => x.Number).HasMaxLength(32);
        f.Property(x => x.OrgPath).HasMaxLength(256);
        f.Property(x => x.Source).HasMaxLength(16);
        f.Property(x => x.ReportedBy).HasMaxLength(64);
        f.Property(x => x.Revision).IsConcurrencyToken();
        f.HasIndex(x => new { x.OrgPath, x.ReportedAt });
    }
}

internal sealed class StaffingChangeConfiguration : IEntityTypeConfiguration<StaffingChange>
{
    public void Configure(EntityTypeBuilder<StaffingChange> f)
    {
        f.ToTable("staffing_changes");
        f.HasKey(x => new { x.GridCode, x.Post, x.UserId, x.Change, x.At });
        f.Property(x => x.GridCode).HasMaxLength(15);
        f.Property(x => x.Post).HasMaxLength(16);
        f.Property(x => x.UserId).HasMaxLength(64);
        f.Property(x => x.Change).HasMaxLength(16);
        f.Property(x => x.OrgPath).HasMaxLength(256);
        f.HasIndex(x => new { x.Post, x.OrgPath });
    }
}
