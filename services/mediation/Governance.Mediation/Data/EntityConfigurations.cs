using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Mediation.Data;

internal sealed class DisputeCaseConfiguration : IEntityTypeConfiguration<DisputeCase>
{
    public void Configure(EntityTypeBuilder<DisputeCase> c)
    {
        c.ToTable("cases");
        c.HasKey(x => x.Id);
        c.Property(x => x.Number).HasMaxLength(24);
        c.HasIndex(x => x.Number).IsUnique();
        c.Property(x => x.Name).HasMaxLength(TextLimits.CaseName);
        c.Property(x => x.Place).HasMaxLength(TextLimits.Place);
        c.Property(x => x.GridCode).HasMaxLength(15);
        c.Property(x => x.OrgPath).HasMaxLength(256);
        c.Property(x => x.ResponsibleOrgPath).HasMaxLength(256);
        c.Property(x => x.Summary).HasMaxLength(TextLimits.Summary);
        c.Property(x => x.AmountAtStake).HasPrecision(14, 2);
        c.Property(x => x.Category).HasConversion<string>().HasMaxLength(24);
        c.Property(x => x.Risk).HasConversion<string>().HasMaxLength(16);
        c.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        c.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        c.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        c.Property(x => x.SourceReference).HasMaxLength(TextLimits.SourceReference);
        c.Property(x => x.Version).IsConcurrencyToken();
        c.Ignore(x => x.IncidentId);
        c.HasIndex(x => x.OrgPath);
        c.HasIndex(x => x.ResponsibleOrgPath);
        c.HasIndex(x => x.BodyId);
        c.HasIndex(x => x.LevelDueAt);
        c.HasIndex(x => new { x.Source, x.SourceReference }).IsUnique().HasFilter("\"SourceReference\" IS NOT NULL");
        c.HasMany(x => x.Parties).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> p)
    {
        p.ToTable("parties");
        p.HasKey(x => x.Id);
        p.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        p.Property(x => x.Role).HasMaxLength(16);
        p.Property(x => x.Name).HasMaxLength(TextLimits.PartyName);
        p.Property(x => x.EncryptedContact).HasMaxLength(1024);
    }
}

internal sealed class CaseStepConfiguration : IEntityTypeConfiguration<CaseStep>
{
    public void Configure(EntityTypeBuilder<CaseStep> s)
    {
        s.ToTable("case_steps");
        s.HasKey(x => x.Id);
        s.Property(x => x.Actor).HasMaxLength(TextLimits.Account);
        s.Property(x => x.Action).HasMaxLength(32);
        s.Property(x => x.FromState).HasMaxLength(20);
        s.Property(x => x.ToState).HasMaxLength(20);
        s.Property(x => x.FromLevel).HasMaxLength(16);
        s.Property(x => x.ToLevel).HasMaxLength(16);
        s.Property(x => x.Note).HasMaxLength(TextLimits.StepNote);
        s.HasIndex(x => x.CaseId);
    }
}

internal sealed class MediationBodyConfiguration : IEntityTypeConfiguration<MediationBody>
{
    public void Configure(EntityTypeBuilder<MediationBody> b)
    {
        b.ToTable("bodies");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(TextLimits.BodyName);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Specialty).HasMaxLength(TextLimits.Specialty);
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.OrgPath).HasMaxLength(256);
        b.HasIndex(x => x.OrgPath);
    }
}

internal sealed class MediatorConfiguration : IEntityTypeConfiguration<Mediator>
{
    public void Configure(EntityTypeBuilder<Mediator> m)
    {
        m.ToTable("mediators");
        m.HasKey(x => x.Id);
        m.Property(x => x.UserId).HasMaxLength(TextLimits.UserId);
        m.Property(x => x.Name).HasMaxLength(TextLimits.MediatorPersonName);
        m.Property(x => x.Specialties).HasMaxLength(TextLimits.Specialties);
        m.HasIndex(x => x.BodyId);
        m.HasOne<MediationBody>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
    }
}
