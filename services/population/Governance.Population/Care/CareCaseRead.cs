using Governance.Population.Access;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Care;

/// <summary>
/// One read of a care case: who, when, which case, which fields, why. Its own table, not the person access log
/// (<see cref="PersonRead"/>), whose readers would learn from it that the person has a care case. Append-only like
/// that log (the runtime role may insert and select only: ADR 0011).
/// </summary>
public sealed class CareCaseRead
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    /// <summary>The case's org path, so auditors see the reads within their subtree.</summary>
    public required string OrgPath { get; init; }
    public required string Reader { get; init; }
    public string? ReaderClient { get; init; }
    public DateTime At { get; init; }
    /// <summary>get, list, due, or arrivals (a leader shown the cases that arrived in their reach).</summary>
    public required string Action { get; init; }
    /// <summary>The fields shown, comma-separated.</summary>
    public required string Fields { get; init; }
    /// <summary>A code of <see cref="AccessPurposes"/>: every read states one.</summary>
    public required string Purpose { get; init; }
    public string? PurposeNote { get; init; }
}

internal sealed class CareCaseReadConfiguration : IEntityTypeConfiguration<CareCaseRead>
{
    public void Configure(EntityTypeBuilder<CareCaseRead> r)
    {
        r.ToTable("care_case_reads");
        r.IsAppendOnly();
        r.HasKey(x => x.Id);
        r.Property(x => x.OrgPath).HasMaxLength(256);
        r.Property(x => x.Reader).HasMaxLength(64);
        r.Property(x => x.ReaderClient).HasMaxLength(64);
        r.Property(x => x.Action).HasMaxLength(16);
        r.Property(x => x.Fields).HasMaxLength(256);
        r.Property(x => x.Purpose).HasMaxLength(32);
        r.Property(x => x.PurposeNote).HasMaxLength(AccessPurposes.MaxNoteLength);
        r.HasIndex(x => new { x.OrgPath, x.At });
        r.HasIndex(x => x.CaseId);
    }
}
