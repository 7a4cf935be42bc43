using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Inspections;

/// <summary>
/// A finding of an inspection (督查暗访) against a department for a month: points deducted from its score, the reason and
/// the evidence. The department may contest it once; a reviewer then upholds it (it keeps deducting) or withdraws it (it
/// deducts nothing). Nothing of it is ever deleted.
/// </summary>
public sealed class Finding
{
    public Guid Id { get; init; }
    public required string DepartmentId { get; init; }

    /// <summary>The department's org node when recorded: whose assessors may record, decide and read it.</summary>
    public required string OrgPath { get; init; }
    public required string Month { get; init; }
    public DateTime MonthStartUtc { get; init; }
    public decimal Points { get; init; }
    public required string Reason { get; init; }
    public required string Evidence { get; init; }
    public DateTime RecordedAt { get; init; }
    public required string RecordedBy { get; init; }

    /// <summary><see cref="FindingStates"/>.</summary>
    public required string State { get; set; }
    public string? ContestReason { get; set; }
    public DateTime? ContestedAt { get; set; }
    public string? ContestedBy { get; set; }
    public string? DecisionComment { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }

    /// <summary>Two contests, or two decisions, racing: the second is refused.</summary>
    public int Revision { get; set; }
}

/// <summary>Where a finding stands. Every state but <c>withdrawn</c> deducts its points.</summary>
public static class FindingStates
{
    public const string Standing = "standing";
    public const string Contested = "contested";
    public const string Upheld = "upheld";
    public const string Withdrawn = "withdrawn";
    public static readonly string[] All = [Standing, Contested, Upheld, Withdrawn];
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> f)
    {
        f.ToTable("inspection_findings");
        f.HasKey(x => x.Id);
        f.Property(x => x.DepartmentId).HasMaxLength(64);
        f.Property(x => x.OrgPath).HasMaxLength(256);
        f.Property(x => x.Month).HasMaxLength(7);
        f.Property(x => x.Points).HasPrecision(6, 2);
        f.Property(x => x.Reason).HasMaxLength(1000);
        f.Property(x => x.RecordedBy).HasMaxLength(200);
        f.Property(x => x.State).HasMaxLength(16);
        f.Property(x => x.ContestReason).HasMaxLength(1000);
        f.Property(x => x.ContestedBy).HasMaxLength(200);
        f.Property(x => x.DecisionComment).HasMaxLength(1000);
        f.Property(x => x.DecidedBy).HasMaxLength(200);
        f.Property(x => x.Revision).IsConcurrencyToken();
        f.HasIndex(x => new { x.DepartmentId, x.MonthStartUtc });
        f.HasIndex(x => new { x.OrgPath, x.MonthStartUtc });
    }
}
