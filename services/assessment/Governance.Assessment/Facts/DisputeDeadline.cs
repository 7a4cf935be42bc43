using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Facts;

/// <summary>
/// One placement of a dispute case at a level with its deadline, as mediation's events carry it (<c>LevelDueAt</c> on
/// <c>DisputeRegistered</c>, <c>DisputeEscalated</c> and <c>DisputeReferralAcknowledged</c>). Keyed by case and when it was
/// placed, so a redelivery or a copy is the same row and any arrival order gives the same rows. Whether a case went past
/// a deadline is decided when scoring, from these rows and the case's ending in <see cref="DisputeFact"/>: a placement is
/// overdue when its deadline passed before the next placement, the ending, or now (the overdue cases measure).
/// </summary>
public sealed class DisputeDeadline
{
    public Guid CaseId { get; init; }

    /// <summary>When the case was placed at the level (the event's occurred-at, <see cref="Stamp.Normal"/>).</summary>
    public DateTime PlacedAt { get; init; }

    public DateTime DueAt { get; init; }
}

internal sealed class DisputeDeadlineConfiguration : IEntityTypeConfiguration<DisputeDeadline>
{
    public void Configure(EntityTypeBuilder<DisputeDeadline> d)
    {
        d.ToTable("dispute_deadlines");
        d.HasKey(x => new { x.CaseId, x.PlacedAt });
        d.HasIndex(x => x.DueAt);
    }
}
