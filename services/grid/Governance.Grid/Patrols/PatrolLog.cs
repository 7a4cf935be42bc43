using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Patrols;

/// <summary>A grid worker's daily patrol report (巡查日志): where they went, what they saw.</summary>
public sealed class PatrolLog
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string WorkerId { get; init; }
    public required string GridCode { get; init; }
    public required string OrgPath { get; init; }
    public DateOnly Day { get; init; }
    public required string Summary { get; init; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class PatrolLogConfiguration : IEntityTypeConfiguration<PatrolLog>
{
    public void Configure(EntityTypeBuilder<PatrolLog> log)
    {
        log.ToTable("patrol_logs");
        log.HasKey(l => l.Id);
        log.Property(l => l.WorkerId).HasMaxLength(64);
        log.Property(l => l.GridCode).HasMaxLength(15);
        log.Property(l => l.OrgPath).HasMaxLength(256);
        log.Property(l => l.Summary).HasMaxLength(2000);
        log.HasIndex(l => new { l.OrgPath, l.Day });
        log.HasIndex(l => new { l.WorkerId, l.Day });
    }
}
