using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Mediation.Work;

internal sealed class MediationSessionConfiguration : IEntityTypeConfiguration<MediationSession>
{
    public void Configure(EntityTypeBuilder<MediationSession> s)
    {
        s.ToTable("sessions");
        s.HasKey(x => x.Id);
        s.Property(x => x.Place).HasMaxLength(TextLimits.SessionPlace);
        s.Property(x => x.RemoteLink).HasMaxLength(TextLimits.RemoteLink);
        s.Property(x => x.Participants).HasMaxLength(TextLimits.Participants);
        s.Property(x => x.Minutes).HasMaxLength(TextLimits.Minutes);
        s.Property(x => x.RecordedBy).HasMaxLength(TextLimits.Account);
        s.HasIndex(x => x.CaseId);
        s.HasOne<DisputeCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseOutcomeConfiguration : IEntityTypeConfiguration<CaseOutcome>
{
    public void Configure(EntityTypeBuilder<CaseOutcome> o)
    {
        o.ToTable("outcomes");
        o.HasKey(x => x.CaseId);
        o.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        o.Property(x => x.Terms).HasMaxLength(TextLimits.Terms);
        o.Property(x => x.ReferredTo).HasConversion<string>().HasMaxLength(16);
        o.Property(x => x.Note).HasMaxLength(TextLimits.OutcomeNote);
        o.Property(x => x.MediatorName).HasMaxLength(TextLimits.MediatorName);
        o.Property(x => x.RecordedBy).HasMaxLength(TextLimits.Account);
        o.Ignore(x => x.Total);
        o.HasOne<DisputeCase>().WithOne().HasForeignKey<CaseOutcome>(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        o.HasMany(x => x.Amounts).WithOne().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        o.HasMany(x => x.Confirmations).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgreementAmountConfiguration : IEntityTypeConfiguration<AgreementAmount>
{
    public void Configure(EntityTypeBuilder<AgreementAmount> a)
    {
        a.ToTable("agreement_amounts");
        a.HasKey(x => x.Id);
        a.Property(x => x.Description).HasMaxLength(TextLimits.AmountDescription);
        a.Property(x => x.Amount).HasPrecision(14, 2);
    }
}

internal sealed class PartyConfirmationConfiguration : IEntityTypeConfiguration<PartyConfirmation>
{
    public void Configure(EntityTypeBuilder<PartyConfirmation> p)
    {
        p.ToTable("party_confirmations");
        p.HasKey(x => x.Id);
        p.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
        p.Property(x => x.RecordedBy).HasMaxLength(TextLimits.Account);
        p.HasIndex(x => new { x.CaseId, x.PartyId }).IsUnique();
        p.HasOne<Party>().WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PerformanceCheckConfiguration : IEntityTypeConfiguration<PerformanceCheck>
{
    public void Configure(EntityTypeBuilder<PerformanceCheck> p)
    {
        p.ToTable("performance_checks");
        p.HasKey(x => x.Id);
        p.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        p.Property(x => x.Note).HasMaxLength(TextLimits.Note);
        p.Property(x => x.RecordedBy).HasMaxLength(TextLimits.Account);
        p.HasIndex(x => x.CaseId);
        p.HasOne<DisputeCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> f)
    {
        f.ToTable("follow_ups");
        f.HasKey(x => x.Id);
        f.Property(x => x.Comment).HasMaxLength(TextLimits.Note);
        f.Property(x => x.RecordedBy).HasMaxLength(TextLimits.Account);
        f.HasIndex(x => x.CaseId);
        f.HasOne<DisputeCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JudicialConfirmationRequestConfiguration : IEntityTypeConfiguration<JudicialConfirmationRequest>
{
    public void Configure(EntityTypeBuilder<JudicialConfirmationRequest> j)
    {
        j.ToTable("judicial_confirmations");
        j.HasKey(x => x.CaseId);
        j.Property(x => x.Court).HasMaxLength(TextLimits.Court);
        j.Property(x => x.Note).HasMaxLength(TextLimits.Note);
        j.Property(x => x.RecordedBy).HasMaxLength(TextLimits.Account);
        j.HasOne<DisputeCase>().WithOne().HasForeignKey<JudicialConfirmationRequest>(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
