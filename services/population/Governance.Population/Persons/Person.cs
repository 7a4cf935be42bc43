using Governance.Population.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Persons;

/// <summary>
/// A resident, with what the services to them need and nothing more: no ethnicity, religion, political
/// or complaint fields, ever (ARCHITECTURE, scope boundary; an architecture test keeps it so). The
/// document number, phone and permit number are stored encrypted (<see cref="Protection.PersonalDataCipher"/>);
/// <see cref="DocumentHash"/> finds the document without decrypting anything.
/// </summary>
public sealed class Person
{
    public const int MaxNameLength = 64;

    public Guid Id { get; init; }
    public required string Name { get; set; }
    public DocumentType DocumentType { get; init; }
    public required byte[] DocumentNumber { get; init; }
    public required byte[] DocumentHash { get; init; }
    public byte[]? Phone { get; set; }
    /// <summary>As the document states it (GB 11643 numbers); null for a passport.</summary>
    public DateOnly? BirthDate { get; init; }
    public Sex Sex { get; init; }
    public ResidenceStatus ResidenceStatus { get; set; }
    public byte[]? PermitNumber { get; set; }
    public DateOnly? PermitValidFrom { get; set; }
    public DateOnly? PermitValidUntil { get; set; }
    /// <summary>The grid or community the person lives in.</summary>
    public required string OrgPath { get; set; }
    /// <summary>The house (a room, or a building without rooms) the person lives in now; null when not recorded.</summary>
    public Guid? HouseId { get; set; }
    public DateTime RegisteredAt { get; init; }
    public required string RegisteredBy { get; init; }
    /// <summary>Bumped by every edit of the record (<see cref="PersonEdit"/>): an edit names the version it read, and a stale one is refused.</summary>
    public int Version { get; set; } = 1;
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> p)
    {
        p.ToTable("persons");
        p.HasKey(x => x.Id);
        p.Property(x => x.Name).HasMaxLength(Person.MaxNameLength);
        p.Property(x => x.DocumentType).HasConversion<string>().HasMaxLength(40);
        p.Property(x => x.Sex).HasConversion<string>().HasMaxLength(10);
        p.Property(x => x.ResidenceStatus).HasConversion<string>().HasMaxLength(16);
        p.Property(x => x.OrgPath).HasMaxLength(256);
        p.Property(x => x.RegisteredBy).HasMaxLength(64);
        // The duplicate check: one person per document, decided by the database when two register at once.
        p.HasIndex(x => x.DocumentHash).IsUnique();
        p.HasIndex(x => x.OrgPath);
        p.HasIndex(x => x.HouseId);
        p.Property(x => x.Version).HasDefaultValue(1).IsConcurrencyToken();
        p.HasOne<Houses.House>().WithMany().HasForeignKey(x => x.HouseId).OnDelete(DeleteBehavior.Restrict);
    }
}
