using Governance.Population.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Care;

/// <summary>
/// A care or supervision case of a registered person, one category each (<see cref="CareCategories"/>). Sealed: its
/// content is read and written only by <see cref="WorkerId"/>, the care worker assigned to it (ARCHITECTURE, scope
/// boundary). It never leaves the service: no event, no search, no export names it.
/// </summary>
public sealed class CareCase
{
    public const int MaxClosingReasonLength = 500;
    public const int MaxWorkerIdLength = 64;

    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public required string Category { get; init; }
    /// <summary>
    /// The case's scope: the person's org path when the case was opened, and after that wherever the person moves in
    /// (<see cref="CareCaseMoves"/>): the case goes with the person, so the community where they live now answers for it.
    /// </summary>
    public required string OrgPath { get; init; }
    /// <summary>
    /// The community the case came from when its person moved in from another one, until a centre leader of the new
    /// community assigns its worker (the same one or another): the case's arrival, which that leader is shown. Null
    /// for a case at home.
    /// </summary>
    public string? ArrivedFrom { get; set; }
    /// <summary>The day of the move that brought the case here; set with <see cref="ArrivedFrom"/>.</summary>
    public DateOnly? ArrivedOn { get; set; }
    public DateOnly OpenedOn { get; init; }
    public required string OpenedBy { get; init; }
    public DateOnly? ClosedOn { get; set; }
    /// <summary>Why it closed, in the worker's words: encrypted like a visit's notes, bound to the case.</summary>
    public byte[]? ClosingReason { get; set; }
    /// <summary>The user id (token subject) of the care worker assigned now.</summary>
    public required string WorkerId { get; set; }
    public int VisitIntervalDays { get; set; }
    /// <summary>The date the next visit is due (China time); null once closed.</summary>
    public DateOnly? NextVisitDue { get; set; }
    /// <summary>Raised by every change, so two changes at once do not overwrite each other.</summary>
    public int Version { get; set; }
}

internal sealed class CareCaseConfiguration : IEntityTypeConfiguration<CareCase>
{
    public void Configure(EntityTypeBuilder<CareCase> c)
    {
        c.ToTable("care_cases");
        c.HasKey(x => x.Id);
        c.Property(x => x.Category).HasMaxLength(32);
        c.Property(x => x.OrgPath).HasMaxLength(256);
        c.Property(x => x.ArrivedFrom).HasMaxLength(256);
        c.Property(x => x.OpenedBy).HasMaxLength(CareCase.MaxWorkerIdLength);
        c.Property(x => x.WorkerId).HasMaxLength(CareCase.MaxWorkerIdLength);
        c.Property(x => x.Version).IsConcurrencyToken();
        // One open case per person and category, decided by the database when two are opened at once.
        c.HasIndex(x => new { x.PersonId, x.Category }).IsUnique().HasFilter("\"ClosedOn\" IS NULL");
        c.HasIndex(x => new { x.WorkerId, x.NextVisitDue });
        c.HasIndex(x => x.OrgPath);
        c.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
