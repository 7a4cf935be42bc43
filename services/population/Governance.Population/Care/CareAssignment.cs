using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Care;

/// <summary>One assignment of a case to a worker: the first at opening, then each reassignment. Never changed.</summary>
public sealed class CareAssignment
{
    public const int MaxReasonLength = 200;

    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public required string WorkerId { get; init; }
    public required string AssignedBy { get; init; }
    public DateTime AssignedAt { get; init; }
    public string? Reason { get; init; }
}

internal sealed class CareAssignmentConfiguration : IEntityTypeConfiguration<CareAssignment>
{
    public void Configure(EntityTypeBuilder<CareAssignment> a)
    {
        a.ToTable("care_assignments");
        a.HasKey(x => x.Id);
        a.Property(x => x.WorkerId).HasMaxLength(CareCase.MaxWorkerIdLength);
        a.Property(x => x.AssignedBy).HasMaxLength(CareCase.MaxWorkerIdLength);
        a.Property(x => x.Reason).HasMaxLength(CareAssignment.MaxReasonLength);
        a.HasIndex(x => x.CaseId);
        a.HasOne<CareCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
