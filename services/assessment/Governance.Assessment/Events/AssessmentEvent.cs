using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Events;

/// <summary>
/// One consumed event, as assessment keeps it for replay (ADR 0013 §1): the producers' outboxes delete what they
/// published, so this log is the only history scores can be rebuilt from. Appended in the same transaction as the
/// event's fold, never changed (append-only for the runtime role). The body is the event as its contract writes it,
/// with the accounts that acted on it blanked (<see cref="EventTypes"/>): assessment scores work, not people.
/// </summary>
public sealed class AssessmentEvent
{
    /// <summary>Arrival order, only to page through the log: replay reads in (<see cref="OccurredAt"/>, this) order.</summary>
    public long Sequence { get; init; }

    /// <summary>The broker's message id; unique, so a redelivery cannot be logged twice.</summary>
    public required Guid MessageId { get; init; }

    /// <summary>The contract's short name, e.g. <c>IncidentClosed</c> (<see cref="EventTypes"/>).</summary>
    public required string Type { get; init; }

    public required DateTime OccurredAt { get; init; }

    /// <summary>incident, dispute, alert or camera.</summary>
    public required string RecordKind { get; init; }

    /// <summary>The incident's, case's or alert's id, or the camera's 20-digit device id.</summary>
    public required string RecordId { get; init; }

    public required string OrgPath { get; init; }

    /// <summary>The department the event names, when it names one.</summary>
    public string? DepartmentId { get; init; }

    /// <summary>The event's JSON (contract shape, actors blanked).</summary>
    public required string Body { get; init; }

    public DateTime ReceivedAt { get; init; }
}

internal sealed class AssessmentEventConfiguration : IEntityTypeConfiguration<AssessmentEvent>
{
    public void Configure(EntityTypeBuilder<AssessmentEvent> e)
    {
        e.ToTable("assessment_events");
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).ValueGeneratedOnAdd();
        e.HasIndex(x => x.MessageId).IsUnique();
        e.HasIndex(x => new { x.OccurredAt, x.Sequence });
        e.HasIndex(x => new { x.RecordKind, x.RecordId });
        e.Property(x => x.Type).HasMaxLength(64);
        e.Property(x => x.RecordKind).HasMaxLength(16);
        e.Property(x => x.RecordId).HasMaxLength(64);
        e.Property(x => x.OrgPath).HasMaxLength(256);
        e.Property(x => x.DepartmentId).HasMaxLength(64);
        e.IsAppendOnly();
    }
}
