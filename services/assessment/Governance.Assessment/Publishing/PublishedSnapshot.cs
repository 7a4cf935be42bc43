using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Publishing;

/// <summary>
/// A period's scores for an org node as an assessor published them (ADR 0013 §4): the ranking as it stood, frozen. A late
/// event or a replay changes the live scores, never this; publishing again makes the next <see cref="Version"/> and keeps
/// this one. Written once, never updated.
/// </summary>
public sealed class PublishedSnapshot
{
    public Guid Id { get; init; }
    public required string OrgPath { get; init; }

    /// <summary>The period's label: <c>2026-11</c>, <c>2026-Q4</c> or <c>2026</c>.</summary>
    public required string Period { get; init; }

    /// <summary>1 for the first publication of the org node's period, then 2, 3, …</summary>
    public int Version { get; init; }
    public DateTime PublishedAt { get; init; }
    public required string PublishedBy { get; init; }
    public string Note { get; init; } = "";

    /// <summary>The ranking (<see cref="Scores.Scorecards.Ranking"/>) as JSON.</summary>
    public required string Ranking { get; init; }
}

/// <summary>One department's scorecard within a <see cref="PublishedSnapshot"/>, with the records behind each item as they were.</summary>
public sealed class PublishedScorecard
{
    public Guid SnapshotId { get; init; }
    public required string DepartmentId { get; init; }

    /// <summary>The scorecard (<see cref="Scores.Scorecards.Scorecard"/>) as JSON; each item's records path opens the frozen records.</summary>
    public required string Card { get; init; }

    /// <summary>Each item's numerator and denominator records at publication, by indicator code, as JSON.</summary>
    public required string Records { get; init; }
}

internal sealed class PublishedSnapshotConfiguration : IEntityTypeConfiguration<PublishedSnapshot>
{
    public void Configure(EntityTypeBuilder<PublishedSnapshot> s)
    {
        s.ToTable("assessment_published_snapshots");
        // Frozen for the runtime role too: it may add a version, never change or remove one (ADR 0011).
        s.IsAppendOnly();
        s.HasKey(x => x.Id);
        s.Property(x => x.OrgPath).HasMaxLength(256);
        s.Property(x => x.Period).HasMaxLength(16);
        s.Property(x => x.PublishedBy).HasMaxLength(200);
        s.Property(x => x.Note).HasMaxLength(2000);
        // Two assessors publishing the same period at once: one gets the version, the other a 409.
        s.HasIndex(x => new { x.OrgPath, x.Period, x.Version }).IsUnique();
    }
}

internal sealed class PublishedScorecardConfiguration : IEntityTypeConfiguration<PublishedScorecard>
{
    public void Configure(EntityTypeBuilder<PublishedScorecard> c)
    {
        c.ToTable("assessment_published_scorecards");
        c.IsAppendOnly();
        c.HasKey(x => new { x.SnapshotId, x.DepartmentId });
        c.Property(x => x.DepartmentId).HasMaxLength(64);
        c.HasOne<PublishedSnapshot>().WithMany().HasForeignKey(x => x.SnapshotId).OnDelete(DeleteBehavior.Restrict);
    }
}
