using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Manual;

/// <summary>
/// One attempt of a department at a manual indicator's value for a period: the value, its evidence (references, as JSON),
/// and the reviewer's decision. Attempts of one department, indicator and period are numbered from 1; a rejected attempt
/// stays as it was (the history) and the department submits the next one; only an accepted attempt counts.
/// </summary>
public sealed class ManualSubmission
{
    public Guid Id { get; init; }
    public required string Indicator { get; init; }
    public required string DepartmentId { get; init; }

    /// <summary>The department's org node at submission: whose reviewers decide it.</summary>
    public required string OrgPath { get; init; }

    /// <summary>The period's label (<c>2026-11</c>, <c>2026-Q4</c>, <c>2026</c>) and its bounds, which a scorecard's period must contain.</summary>
    public required string Period { get; init; }
    public DateTime PeriodStartUtc { get; init; }
    public DateTime PeriodEndUtc { get; init; }
    public int Attempt { get; init; }
    public decimal Value { get; init; }
    public string Note { get; init; } = "";
    public required string Evidence { get; init; }
    public DateTime SubmittedAt { get; init; }
    public required string SubmittedBy { get; init; }
    public required string State { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ReviewComment { get; set; }

    /// <summary>Two reviewers deciding at once: the second is refused rather than overwriting the first.</summary>
    public int Revision { get; set; }
}

internal sealed class ManualSubmissionConfiguration : IEntityTypeConfiguration<ManualSubmission>
{
    public void Configure(EntityTypeBuilder<ManualSubmission> m)
    {
        m.ToTable("manual_submissions");
        m.HasKey(x => x.Id);
        m.Property(x => x.Indicator).HasMaxLength(64);
        m.Property(x => x.DepartmentId).HasMaxLength(64);
        m.Property(x => x.OrgPath).HasMaxLength(256);
        m.Property(x => x.Period).HasMaxLength(16);
        m.Property(x => x.Value).HasPrecision(18, 4);
        m.Property(x => x.Note).HasMaxLength(1000);
        m.Property(x => x.SubmittedBy).HasMaxLength(200);
        m.Property(x => x.State).HasMaxLength(16);
        m.Property(x => x.ReviewedBy).HasMaxLength(200);
        m.Property(x => x.ReviewComment).HasMaxLength(1000);
        m.Property(x => x.Revision).IsConcurrencyToken();
        // Two submissions racing for the same next attempt: the second fails on this index and is refused.
        m.HasIndex(x => new { x.DepartmentId, x.Indicator, x.Period, x.Attempt }).IsUnique();
        m.HasIndex(x => new { x.Indicator, x.State, x.PeriodStartUtc });
    }
}
