using Governance.Mediation.Data;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Mediation.Privacy;

/// <summary>What a read showed of a case's people.</summary>
public enum ReadKind
{
    /// <summary>The case with its parties' names (contacts masked): REST <c>GET /cases/{id}</c>, gRPC GetCase and ListCasesByBody.</summary>
    Case,

    /// <summary>A single-case read from before contacts were masked, which showed them decrypted (rows written before issue 12).</summary>
    CaseWithContacts,

    /// <summary>The agreement's terms (<c>GET …/agreement</c>), which name the parties.</summary>
    Agreement,

    /// <summary>The agreement PDF: the parties' names, terms and signature lines.</summary>
    AgreementPdf,

    /// <summary>The sessions' participants and minutes.</summary>
    SessionMinutes,

    /// <summary>One party's contact revealed, with a purpose.</summary>
    Contact,
}

/// <summary>The interface a read came through.</summary>
public enum ReadChannel
{
    Rest,
    Grpc,
}

/// <summary>
/// One read of a case's personal data: who, when, which case, what it showed and through which
/// interface; for a contact reveal also which party and why. Written in the read's own transaction
/// before the data is answered (ARCHITECTURE asks personal-data reads be audited), and append-only:
/// the runtime role may only insert and read it (ADR 0011).
/// </summary>
public sealed class PersonalDataRead
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public required string Reader { get; init; }
    public DateTime At { get; init; }
    public ReadKind What { get; init; }
    public ReadChannel Channel { get; init; }

    /// <summary>The party whose contact was revealed (<see cref="ReadKind.Contact"/> only).</summary>
    public Guid? PartyId { get; init; }

    /// <summary>Why the contact was revealed, as a code (<see cref="ReadKind.Contact"/> only).</summary>
    public RevealPurpose? Purpose { get; init; }

    /// <summary>The reader's own words on the purpose, when given (required with <see cref="RevealPurpose.Other"/>).</summary>
    public string? PurposeNote { get; init; }
}

internal sealed class PersonalDataReadConfiguration : IEntityTypeConfiguration<PersonalDataRead>
{
    public void Configure(EntityTypeBuilder<PersonalDataRead> r)
    {
        r.ToTable("personal_data_reads");
        r.IsAppendOnly();
        r.HasKey(x => x.Id);
        r.Property(x => x.Reader).HasMaxLength(TextLimits.Account);
        r.Property(x => x.What).HasConversion<string>().HasMaxLength(24);
        r.Property(x => x.Channel).HasConversion<string>().HasMaxLength(8);
        r.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(32);
        r.Property(x => x.PurposeNote).HasMaxLength(TextLimits.RevealNote);
        r.HasIndex(x => x.CaseId);
    }
}
