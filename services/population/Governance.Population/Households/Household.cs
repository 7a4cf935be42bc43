using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Households;

/// <summary>
/// A household (户): a family (家庭户) or a collective (集体户, e.g. a dormitory), with its number (户号, unique in its
/// org), the house it lives in and its members (<see cref="HouseholdMember"/>), one of them the head.
/// </summary>
public sealed class Household
{
    public const int MaxNumberLength = 32;

    public Guid Id { get; init; }
    /// <summary>户号: unique among the households of its org.</summary>
    public required string Number { get; init; }
    /// <summary>family or collective (<see cref="HouseholdNames.Kinds"/>).</summary>
    public required string Kind { get; init; }
    /// <summary>The house it lives in: a room, or a building without rooms.</summary>
    public Guid HouseId { get; init; }
    /// <summary>The house's org: every read and write of the household is scoped by it.</summary>
    public required string OrgPath { get; init; }
    public DateTime RegisteredAt { get; init; }
    public required string RegisteredBy { get; init; }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> h)
    {
        h.ToTable("households");
        h.HasKey(x => x.Id);
        h.Property(x => x.Number).HasMaxLength(Household.MaxNumberLength);
        h.Property(x => x.Kind).HasMaxLength(16);
        h.Property(x => x.OrgPath).HasMaxLength(256);
        h.Property(x => x.RegisteredBy).HasMaxLength(64);
        // One number per org, decided by the database when two register at once.
        h.HasIndex(x => new { x.OrgPath, x.Number }).IsUnique();
        h.HasIndex(x => x.HouseId);
        h.HasOne<Houses.House>().WithMany().HasForeignKey(x => x.HouseId).OnDelete(DeleteBehavior.Restrict);
    }
}
