using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Rental;

/// <summary>
/// One inspection of a rental, as it was: who inspected when, what was found, the agreement's state and the
/// occupants counted that day, and the grade it gave (rule and version). Never changed once written: a later
/// rules version regrades the rental, not its inspections.
/// </summary>
public sealed class RentalInspection
{
    public const int MaxNoteLength = 500;

    public Guid Id { get; init; }
    public Guid RentalId { get; init; }
    public DateOnly InspectedOn { get; init; }
    /// <summary>The inspector's subject.</summary>
    public required string Inspector { get; init; }
    /// <summary>valid, expired or none on the inspection day.</summary>
    public required string Agreement { get; init; }
    public int Occupants { get; init; }
    public int PermittedOccupants { get; init; }
    public required string Grade { get; init; }
    public required string GradeRule { get; init; }
    public int RulesVersion { get; init; }
    public List<RentalFinding> Findings { get; init; } = [];
    public DateTime RecordedAt { get; init; }
}

/// <summary>One finding of an inspection: its code, how it came to be (observed or computed) and a note.</summary>
public sealed class RentalFinding
{
    public Guid InspectionId { get; init; }
    public required string Code { get; init; }
    public required string Source { get; init; }
    public string? Note { get; init; }
}

internal sealed class RentalInspectionConfiguration : IEntityTypeConfiguration<RentalInspection>
{
    public void Configure(EntityTypeBuilder<RentalInspection> i)
    {
        i.ToTable("rental_inspections");
        i.HasKey(x => x.Id);
        i.Property(x => x.Inspector).HasMaxLength(64);
        i.Property(x => x.Agreement).HasMaxLength(16);
        i.Property(x => x.Grade).HasMaxLength(16);
        i.Property(x => x.GradeRule).HasMaxLength(RentalRulesChanges.MaxCodeLength);
        i.HasIndex(x => new { x.RentalId, x.InspectedOn });
        i.HasOne<RentalHouse>().WithMany().HasForeignKey(x => x.RentalId).OnDelete(DeleteBehavior.Restrict);
        i.HasMany(x => x.Findings).WithOne().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RentalFindingConfiguration : IEntityTypeConfiguration<RentalFinding>
{
    public void Configure(EntityTypeBuilder<RentalFinding> f)
    {
        f.ToTable("rental_findings");
        f.HasKey(x => new { x.InspectionId, x.Code });
        f.Property(x => x.Code).HasMaxLength(32);
        f.Property(x => x.Source).HasMaxLength(16);
        f.Property(x => x.Note).HasMaxLength(RentalInspection.MaxNoteLength);
    }
}
