using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Households;

/// <summary>
/// A person's membership of a household, from the day they joined until the day they left: the history of who
/// belonged where. Two partial unique indexes hold the rules when requests race: a person is an open member of one
/// household at a time, and a household has one open head.
/// </summary>
public sealed class HouseholdMember
{
    public Guid Id { get; init; }
    public Guid HouseholdId { get; init; }
    public Guid PersonId { get; init; }
    /// <summary>The relation to the head (<see cref="HouseholdNames.Relations"/>); <c>head</c> for the head.</summary>
    public required string Relation { get; set; }
    public DateOnly JoinedOn { get; init; }
    public DateOnly? LeftOn { get; set; }
    /// <summary>left, deceased or corrected; null while a member.</summary>
    public string? LeftReason { get; set; }
    public DateTime RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
}

internal sealed class HouseholdMemberConfiguration : IEntityTypeConfiguration<HouseholdMember>
{
    public void Configure(EntityTypeBuilder<HouseholdMember> m)
    {
        m.ToTable("household_members");
        m.HasKey(x => x.Id);
        m.Property(x => x.Relation).HasMaxLength(16);
        m.Property(x => x.LeftReason).HasMaxLength(16);
        m.Property(x => x.RecordedBy).HasMaxLength(64);
        m.HasIndex(x => x.PersonId).IsUnique().HasFilter("\"LeftOn\" IS NULL").HasDatabaseName("IX_household_members_open_PersonId");
        m.HasIndex(x => x.HouseholdId).IsUnique().HasFilter("\"LeftOn\" IS NULL AND \"Relation\" = 'head'").HasDatabaseName("IX_household_members_open_head");
        m.HasIndex(x => new { x.HouseholdId, x.JoinedOn });
        m.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        m.HasOne<Persons.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
