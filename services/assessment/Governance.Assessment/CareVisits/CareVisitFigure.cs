using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.CareVisits;

/// <summary>
/// One community's care visits for one month, as population's <c>GetCareVisitFigures</c> answered them (ADR 0013 §6):
/// counts only, never whose. <see cref="Due"/> = <see cref="OnTime"/> + <see cref="Late"/> + <see cref="Missed"/>; all
/// null when population withheld the community (fewer than its minimum fell due), <see cref="Shown"/> then "&lt;10".
/// Not an event: fetched again (<see cref="CareVisitFetcher"/>) the row is replaced, and replay leaves it alone.
/// </summary>
public sealed class CareVisitFigure
{
    public string Community { get; init; } = "";
    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; init; }
    /// <summary>The start of the month in China time, as UTC: what a period's bounds are compared with.</summary>
    public DateTime MonthStartUtc { get; init; }
    public int? Due { get; set; }
    public int? OnTime { get; set; }
    public int? Late { get; set; }
    public int? Missed { get; set; }
    public string Shown { get; set; } = "";
    public DateTime FetchedAt { get; set; }
}

internal sealed class CareVisitFigureConfiguration : IEntityTypeConfiguration<CareVisitFigure>
{
    public void Configure(EntityTypeBuilder<CareVisitFigure> f)
    {
        f.ToTable("care_visit_figures");
        f.HasKey(x => new { x.Community, x.Month });
        f.Property(x => x.Community).HasMaxLength(256);
        f.Property(x => x.Shown).HasMaxLength(16);
        f.HasIndex(x => x.MonthStartUtc);
    }
}
