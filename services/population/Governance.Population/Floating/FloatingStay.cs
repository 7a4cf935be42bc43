using Governance.Population.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Floating;

/// <summary>
/// A new citizen's (新市民) stay here: the residence registration (居住登记) on arrival, why they came, and the
/// departure when they leave. One open stay per person. The permit (居住证) number and validity are the person's.
/// Figures count stays by the org they were registered in (the grid or community).
/// </summary>
public sealed class FloatingStay
{
    public const int MaxDestinationLength = 100;

    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    /// <summary>The grid or community the person lives in, at arrival.</summary>
    public required string OrgPath { get; init; }
    public DateOnly ArrivedOn { get; init; }
    /// <summary>work, study, business, family or other.</summary>
    public required string Reason { get; init; }
    public DateOnly? DepartedOn { get; set; }
    /// <summary>Where to, as told (free text); never a person's data.</summary>
    public string? Destination { get; set; }
    public DateTime RegisteredAt { get; init; }
    public required string RegisteredBy { get; init; }
    public string? DepartureRecordedBy { get; set; }
    public Guid Version { get; set; }
}

internal sealed class FloatingStayConfiguration : IEntityTypeConfiguration<FloatingStay>
{
    public void Configure(EntityTypeBuilder<FloatingStay> s)
    {
        s.ToTable("floating_stays");
        s.HasKey(x => x.Id);
        s.Property(x => x.OrgPath).HasMaxLength(256);
        s.Property(x => x.Reason).HasMaxLength(16);
        s.Property(x => x.Destination).HasMaxLength(FloatingStay.MaxDestinationLength);
        s.Property(x => x.RegisteredBy).HasMaxLength(64);
        s.Property(x => x.DepartureRecordedBy).HasMaxLength(64);
        s.Property(x => x.Version).IsConcurrencyToken();
        // One open stay per person, decided by the database when two register at once.
        s.HasIndex(x => x.PersonId).IsUnique().HasFilter("\"DepartedOn\" IS NULL");
        s.HasIndex(x => new { x.OrgPath, x.ArrivedOn });
        s.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
