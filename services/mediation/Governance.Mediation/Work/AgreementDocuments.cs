using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.Mediation.Privacy;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Mediation.Work;

/// <summary>
/// One rendering of a case's agreement PDF: version 1 at the first download, a new version whenever
/// what the PDF shows changes (<see cref="AgreementPdf.Fingerprint"/>). The bytes are kept, so the
/// parties, the mediator and a court all get the very document that was signed, and repeated
/// downloads do not render again.
/// </summary>
public sealed class AgreementPdfVersion
{
    public Guid CaseId { get; init; }
    public int Version { get; init; }

    /// <summary>SHA-256 (hex) of what the PDF shows and of its layout's revision.</summary>
    public required string Fingerprint { get; init; }

    public required byte[] Content { get; init; }
    public DateTime RenderedAt { get; init; }
}

internal sealed class AgreementPdfVersionConfiguration : IEntityTypeConfiguration<AgreementPdfVersion>
{
    public void Configure(EntityTypeBuilder<AgreementPdfVersion> v)
    {
        v.ToTable("agreement_pdfs");
        v.HasKey(x => new { x.CaseId, x.Version });
        v.Property(x => x.Fingerprint).HasMaxLength(64);
        v.HasOne<DisputeCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Gives the agreement PDF of a case: the stored rendering of the agreement as it stands, rendered (and stored) only when there is none.</summary>
public sealed class AgreementDocuments(MediationDb db, ReadAudit audit)
{
    /// <summary>
    /// The current PDF, with the read's audit line committed in the same transaction as a new rendering.
    /// Two first downloads at once both render; the second to commit loses on the key and serves the first's bytes.
    /// </summary>
    public async Task<AgreementPdfVersion> ReadAsync(Caller caller, DisputeCase c, CaseOutcome outcome, DateTime now, CancellationToken ct)
    {
        var fingerprint = AgreementPdf.Fingerprint(c, outcome);
        var latest = await db.Set<AgreementPdfVersion>().AsNoTracking().Where(p => p.CaseId == c.Id).OrderByDescending(p => p.Version)
            .Select(p => new { p.Version, p.Fingerprint }).FirstOrDefaultAsync(ct);
        if (latest is not null && latest.Fingerprint == fingerprint)
        {
            await audit.RecordAsync(caller, ReadKind.AgreementPdf, ReadChannel.Rest, c.Id, ct);
            return await StoredAsync(c.Id, latest.Version, ct);
        }
        var rendered = new AgreementPdfVersion
        {
            CaseId = c.Id, Version = (latest?.Version ?? 0) + 1, Fingerprint = fingerprint, Content = AgreementPdf.Render(c, outcome), RenderedAt = now,
        };
        db.Add(rendered);
        try
        {
            await audit.RecordAsync(caller, ReadKind.AgreementPdf, ReadChannel.Rest, c.Id, ct);
            return rendered;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.Entry(rendered).State = EntityState.Detached;
            await db.SaveChangesAsync(ct);
            return await StoredAsync(c.Id, rendered.Version, ct);
        }
    }

    private Task<AgreementPdfVersion> StoredAsync(Guid caseId, int version, CancellationToken ct) =>
        db.Set<AgreementPdfVersion>().AsNoTracking().SingleAsync(p => p.CaseId == caseId && p.Version == version, ct);
}
