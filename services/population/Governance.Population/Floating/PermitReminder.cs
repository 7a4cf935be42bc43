using Governance.Population.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Floating;

/// <summary>
/// A reminder that a new citizen's residence permit (居住证) runs out on <see cref="ValidUntil"/>, recorded once per
/// permit and expiry by the scan (<see cref="PermitReminderScan"/>) so that the grid workers of the org can help
/// with the renewal in time. A renewed permit has a new expiry, and so gets its own reminder.
/// </summary>
public sealed class PermitReminder
{
    public long Id { get; init; }
    public Guid PersonId { get; init; }
    public DateOnly ValidUntil { get; init; }
    /// <summary>The person's org when recorded: who sees the reminder.</summary>
    public required string OrgPath { get; init; }
    public DateTime RecordedAt { get; init; }
}

internal sealed class PermitReminderConfiguration : IEntityTypeConfiguration<PermitReminder>
{
    public void Configure(EntityTypeBuilder<PermitReminder> r)
    {
        r.ToTable("permit_reminders");
        r.HasKey(x => x.Id);
        r.Property(x => x.OrgPath).HasMaxLength(256);
        // Once per permit and expiry: the scan may run twice, on two replicas at once.
        r.HasIndex(x => new { x.PersonId, x.ValidUntil }).IsUnique();
        r.HasIndex(x => new { x.OrgPath, x.ValidUntil });
        r.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
