using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Care;

/// <summary>
/// A visit the assigned worker made. What was found and the next step are personal data (health, conduct, family):
/// stored encrypted (<see cref="Protection.PersonalDataCipher"/>), each bound to its case and field. The worker's
/// client names each visit (<see cref="RequestId"/>), so a replay is recorded once.
/// </summary>
public sealed class CareVisit
{
    public const int MaxFindingsLength = 2000;
    public const int MaxNextStepLength = 500;
    public const int MaxRequestIdLength = 64;
    public const string FindingsField = "findings";
    public const string NextStepField = "nextStep";

    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public required string RequestId { get; init; }
    public DateOnly VisitedOn { get; init; }
    /// <summary>The case's next visit due when this visit was recorded: the due day it answered (null for visits recorded before this was kept).</summary>
    public DateOnly? DueOn { get; init; }
    /// <summary>home, phone or office (<see cref="CareCategories.VisitKinds"/>).</summary>
    public required string Kind { get; init; }
    public required byte[] Findings { get; init; }
    public byte[]? NextStep { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}

internal sealed class CareVisitConfiguration : IEntityTypeConfiguration<CareVisit>
{
    public void Configure(EntityTypeBuilder<CareVisit> v)
    {
        v.ToTable("care_visits");
        v.HasKey(x => x.Id);
        v.Property(x => x.RequestId).HasMaxLength(CareVisit.MaxRequestIdLength);
        v.Property(x => x.Kind).HasMaxLength(16);
        v.Property(x => x.RecordedBy).HasMaxLength(CareCase.MaxWorkerIdLength);
        // A replayed visit (the same request id on the case) is the visit already recorded, even when both arrive at once.
        v.HasIndex(x => new { x.CaseId, x.RequestId }).IsUnique();
        v.HasOne<CareCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
