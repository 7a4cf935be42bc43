using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Incidents.HandOver;

/// <summary>
/// What mediation reported about a dispute this service handed over: one row per fact (the case
/// registered, escalated, settled, failed, withdrawn, declined, followed up), keyed by the incident,
/// the kind and when it happened in mediation, so that a fact told twice is taken once. Codes only
/// (levels, reason codes, where the parties were referred): never what anyone said. Open311's status
/// notes are written from these.
/// </summary>
public sealed class MediationUpdate
{
    public Guid IncidentId { get; init; }

    /// <summary>registered, escalated, settled, partially_settled, failed, withdrawn, declined or follow_up.</summary>
    public required string Kind { get; init; }

    /// <summary>When it happened in mediation (UTC, to the microsecond, as PostgreSQL keeps it).</summary>
    public DateTime OccurredAt { get; init; }

    public Guid CaseId { get; init; }
    public required string CaseNumber { get; init; }

    /// <summary>The code that goes with the kind: the level reached, where the parties were referred, the reason code.</summary>
    public string? Detail { get; init; }

    /// <summary>True when this fact ends mediation for the grid: the incident closes on it.</summary>
    public bool Ends { get; init; }

    public DateTime ReceivedAt { get; init; }

    /// <summary>The kinds that end mediation for the grid (see <see cref="MediationFollowing"/>).</summary>
    public static readonly string[] EndingKinds = ["failed", "withdrawn", "declined", "follow_up"];

    /// <summary>PostgreSQL keeps microseconds: a time from an event is cut to them, so that the same fact compares equal once stored.</summary>
    public static DateTime Microseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
}

internal sealed class MediationUpdateConfiguration : IEntityTypeConfiguration<MediationUpdate>
{
    public void Configure(EntityTypeBuilder<MediationUpdate> u)
    {
        u.ToTable("mediation_updates");
        u.HasKey(x => new { x.IncidentId, x.Kind, x.OccurredAt });
        u.Property(x => x.Kind).HasMaxLength(24);
        u.Property(x => x.CaseNumber).HasMaxLength(24);
        u.Property(x => x.Detail).HasMaxLength(64);
        u.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
