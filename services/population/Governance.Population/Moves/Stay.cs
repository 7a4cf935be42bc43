using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Moves;

/// <summary>
/// One person living in one house (a room, or a building without rooms) from a date until a date: the history of
/// who lived where. The open stay (no <see cref="Until"/>) is the person's current house, mirrored in
/// <see cref="Persons.Person.HouseId"/>; a partial unique index keeps it to one per person, so that a replay or
/// two moves at once can never leave a person in two houses.
/// </summary>
public sealed class Stay
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public Guid HouseId { get; init; }
    /// <summary>The house's org when the stay began.</summary>
    public required string OrgPath { get; init; }
    /// <summary>The day moved in (China time).</summary>
    public DateOnly From { get; init; }
    /// <summary>The day moved out; null while the person lives there.</summary>
    public DateOnly? Until { get; set; }
    /// <summary>Why the stay ended (<see cref="MoveReasons"/>); null while open.</summary>
    public string? EndReason { get; set; }
    public DateTime RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime? EndRecordedAt { get; set; }
    public string? EndRecordedBy { get; set; }
}

internal sealed class StayConfiguration : IEntityTypeConfiguration<Stay>
{
    public void Configure(EntityTypeBuilder<Stay> s)
    {
        s.ToTable("stays");
        s.HasKey(x => x.Id);
        s.Property(x => x.OrgPath).HasMaxLength(256);
        s.Property(x => x.EndReason).HasMaxLength(16);
        s.Property(x => x.RecordedBy).HasMaxLength(64);
        s.Property(x => x.EndRecordedBy).HasMaxLength(64);
        // One open stay per person: the database decides between a replay and its original, or two moves at once.
        s.HasIndex(x => x.PersonId).IsUnique().HasFilter("\"Until\" IS NULL").HasDatabaseName("IX_stays_open_PersonId");
        s.HasIndex(x => new { x.PersonId, x.From });
        s.HasIndex(x => x.HouseId);
        s.HasOne<Persons.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        s.HasOne<Houses.House>().WithMany().HasForeignKey(x => x.HouseId).OnDelete(DeleteBehavior.Restrict);
    }
}
