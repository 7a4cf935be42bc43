using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Protection;

/// <summary>
/// One re-encryption sweep: who asked (an operator's subject, or <see cref="Scheduled"/>), when, under which
/// current key, and how many values it moved, left (edited meanwhile) or could not read. Counts only, never
/// a value. Append-only (ADR 0011). A scheduled sweep that moved nothing leaves no row.
/// </summary>
public sealed class KeyRotationRun
{
    public const string Scheduled = "schedule";
    public const int MaxDetailLength = 1000;

    public long Id { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime FinishedAt { get; init; }
    public required string RunBy { get; init; }
    public required string CurrentKey { get; init; }
    public int Moved { get; init; }
    public int LeftEdited { get; init; }
    public int Unreadable { get; init; }
    public int Failed { get; init; }
    /// <summary>Per column, <c>column=moved/left/unreadable/failed</c>, semicolon-separated; only the columns with something to say.</summary>
    public required string Detail { get; init; }
}

internal sealed class KeyRotationRunConfiguration : IEntityTypeConfiguration<KeyRotationRun>
{
    public void Configure(EntityTypeBuilder<KeyRotationRun> r)
    {
        r.ToTable("key_rotation_runs");
        r.IsAppendOnly();
        r.HasKey(x => x.Id);
        r.Property(x => x.RunBy).HasMaxLength(64);
        r.Property(x => x.CurrentKey).HasMaxLength(32);
        r.Property(x => x.Detail).HasMaxLength(KeyRotationRun.MaxDetailLength);
        r.HasIndex(x => x.StartedAt);
    }
}
