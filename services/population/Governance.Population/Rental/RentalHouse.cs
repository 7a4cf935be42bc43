using Governance.Population.Houses;
using Governance.Population.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Rental;

/// <summary>
/// A house let to tenants (出租房屋): a room, or a whole building let as one. Managed with the people in it
/// (以房管人): its landlord (a registered person), how many may live in it, the safety agreement (治安责任书)
/// the landlord signed, and its grade from the last inspection (<see cref="RentalInspection"/>) under the rules
/// in effect (<see cref="RentalRules"/>). Its current occupants are the persons whose house it is.
/// </summary>
public sealed class RentalHouse
{
    public Guid Id { get; init; }
    /// <summary>The room or building let; one rental record per house.</summary>
    public Guid HouseId { get; init; }
    /// <summary>The house's org: every read and write is scoped by it.</summary>
    public required string OrgPath { get; init; }
    public Guid LandlordId { get; set; }
    public int PermittedOccupants { get; set; }
    public DateOnly? AgreementSignedOn { get; set; }
    public DateOnly? AgreementValidUntil { get; set; }
    /// <summary>assured, watched, strict or prohibited; null until first inspected.</summary>
    public string? Grade { get; set; }
    /// <summary>The code of the grade rule that matched: the reason shown with the grade.</summary>
    public string? GradeRule { get; set; }
    /// <summary>The rules version the grade came from; a newer one in effect regrades it (<see cref="RentalGrading"/>).</summary>
    public int? RulesVersion { get; set; }
    public DateOnly? LastInspectedOn { get; set; }
    /// <summary>When it is to be inspected next (China date): the registration day until first inspected.</summary>
    public DateOnly ReinspectBy { get; set; }
    public DateTime RegisteredAt { get; init; }
    public required string RegisteredBy { get; init; }
    /// <summary>Changes with every write: two inspections at once, one is refused.</summary>
    public Guid Version { get; set; }
}

internal sealed class RentalHouseConfiguration : IEntityTypeConfiguration<RentalHouse>
{
    public void Configure(EntityTypeBuilder<RentalHouse> r)
    {
        r.ToTable("rental_houses");
        r.HasKey(x => x.Id);
        r.Property(x => x.OrgPath).HasMaxLength(256);
        r.Property(x => x.Grade).HasMaxLength(16);
        r.Property(x => x.GradeRule).HasMaxLength(RentalRulesChanges.MaxCodeLength);
        r.Property(x => x.RegisteredBy).HasMaxLength(64);
        r.Property(x => x.Version).IsConcurrencyToken();
        // One rental record per house, decided by the database when two register at once.
        r.HasIndex(x => x.HouseId).IsUnique();
        r.HasIndex(x => new { x.OrgPath, x.ReinspectBy });
        r.HasIndex(x => x.LandlordId);
        r.HasOne<House>().WithMany().HasForeignKey(x => x.HouseId).OnDelete(DeleteBehavior.Restrict);
        r.HasOne<Person>().WithMany().HasForeignKey(x => x.LandlordId).OnDelete(DeleteBehavior.Restrict);
    }
}
