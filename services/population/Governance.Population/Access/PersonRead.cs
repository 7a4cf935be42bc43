using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Access;

/// <summary>
/// One read of a person's record: who, when, which person, which fields, why (PIPL Art. 51, 55–56).
/// Append-only (the runtime role may insert and select only: ADR 0011); kept at least three years.
/// A look-up that found nobody is recorded too, without a person, so probing numbers leaves a trace.
/// </summary>
public sealed class PersonRead
{
    public long Id { get; init; }
    public Guid? PersonId { get; init; }
    /// <summary>The person's org path at the read (for a miss: the reader's reach searched), so auditors see the reads within their subtree.</summary>
    public required string OrgPath { get; init; }
    public required string Reader { get; init; }
    public string? ReaderClient { get; init; }
    public DateTime At { get; init; }
    /// <summary>get, list, lookup, lookup_miss or reveal.</summary>
    public required string Action { get; init; }
    /// <summary>The fields shown, comma-separated; a masked one as <c>phone:masked</c>.</summary>
    public required string Fields { get; init; }
    /// <summary>A code of <see cref="AccessPurposes"/>; null for a masked read that stated none.</summary>
    public string? Purpose { get; init; }
    public string? PurposeNote { get; init; }
    /// <summary>rest or grpc.</summary>
    public required string Channel { get; init; }
}

internal sealed class PersonReadConfiguration : IEntityTypeConfiguration<PersonRead>
{
    public void Configure(EntityTypeBuilder<PersonRead> r)
    {
        r.ToTable("person_reads");
        r.IsAppendOnly();
        r.HasKey(x => x.Id);
        r.Property(x => x.OrgPath).HasMaxLength(256);
        r.Property(x => x.Reader).HasMaxLength(64);
        r.Property(x => x.ReaderClient).HasMaxLength(64);
        r.Property(x => x.Action).HasMaxLength(16);
        r.Property(x => x.Fields).HasMaxLength(256);
        r.Property(x => x.Purpose).HasMaxLength(32);
        r.Property(x => x.PurposeNote).HasMaxLength(AccessPurposes.MaxNoteLength);
        r.Property(x => x.Channel).HasMaxLength(8);
        r.HasIndex(x => new { x.OrgPath, x.At });
        r.HasIndex(x => x.PersonId);
    }
}
