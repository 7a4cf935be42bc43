using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.VideoAlert.Alarms;

/// <summary>
/// An alarm as a device sent it (GB/T 28181 &lt;Notify&gt;&lt;CmdType&gt;Alarm), stored before intake answers 200. Codes are
/// kept as received: normalising them, grouping repeats and routing to grid work from these rows. The same alarm
/// resent (same sender, camera, SN and device time) is one row.
/// </summary>
public sealed class Alarm
{
    public const int MaxSnLength = 64;
    public const int MaxDescriptionLength = 500;

    public Guid Id { get; init; }
    /// <summary>The device that raised it (the body's DeviceID).</summary>
    public required string CameraId { get; init; }
    /// <summary>The SIP sender: the camera itself, or the lower platform that forwarded it.</summary>
    public required string SenderId { get; init; }
    public required string Sn { get; init; }
    /// <summary>1 (highest) to 4, as sent.</summary>
    public int Priority { get; init; }
    /// <summary>1 phone, 2 device, 3 SMS, 4 GPS, 5 video, 6 device fault, 7 other, as sent.</summary>
    public int Method { get; init; }
    /// <summary>The type within its method (DOMAIN.md), when sent.</summary>
    public int? AlarmType { get; init; }
    /// <summary>The device's local wall time (GB/T 28181 writes no zone), as sent.</summary>
    public DateTime DeviceTime { get; init; }
    public string? Description { get; init; }
    public double? Longitude { get; init; }
    public double? Latitude { get; init; }
    public DateTime ReceivedAt { get; init; }
    /// <summary>The camera's grid when it is in the registry, else null (a platform's camera not registered here).</summary>
    public string? GridCode { get; init; }
    /// <summary>The camera's org, else the sender's: who may read it.</summary>
    public required string OrgPath { get; init; }
    /// <summary>How it came in: sip (GB/T 28181 intake) or webhook (an analytics box, <see cref="SourceId"/>).</summary>
    public string Source { get; init; } = AlarmSources.Sip;
    /// <summary>The webhook source whose API key sent it; null over SIP.</summary>
    public string? SourceId { get; init; }
    /// <summary>The normalised kind (Alerts.AlertKinds), set when it is stored.</summary>
    public string? Kind { get; set; }
    /// <summary>The alert it was folded into.</summary>
    public Guid? AlertId { get; set; }
}

/// <summary>How alarms come in.</summary>
public static class AlarmSources
{
    public const string Sip = "sip";
    public const string Webhook = "webhook";
}

internal sealed class AlarmConfiguration : IEntityTypeConfiguration<Alarm>
{
    public void Configure(EntityTypeBuilder<Alarm> a)
    {
        a.ToTable("alarms");
        a.HasKey(x => x.Id);
        a.Property(x => x.CameraId).HasMaxLength(20);
        a.Property(x => x.SenderId).HasMaxLength(20);
        a.Property(x => x.Sn).HasMaxLength(Alarm.MaxSnLength);
        a.Property(x => x.Description).HasMaxLength(Alarm.MaxDescriptionLength);
        a.Property(x => x.GridCode).HasMaxLength(15);
        a.Property(x => x.OrgPath).HasMaxLength(256);
        a.Property(x => x.Source).HasMaxLength(16);
        a.Property(x => x.SourceId).HasMaxLength(64);
        a.Property(x => x.Kind).HasMaxLength(32);
        a.HasIndex(x => x.AlertId);
        // A wall time without a zone: kept as such, never shifted.
        a.Property(x => x.DeviceTime).HasColumnType("timestamp without time zone");
        // A device that lost our 200 sends the same alarm again: the database keeps one.
        a.HasIndex(x => new { x.SenderId, x.CameraId, x.Sn, x.DeviceTime }).IsUnique();
        // A webhook box's eventId (Sn) is its idempotency key: one alarm per source and eventId, whatever else it resends.
        a.HasIndex(x => new { x.SourceId, x.Sn }).IsUnique().HasFilter("\"SourceId\" IS NOT NULL");
        a.HasIndex(x => new { x.CameraId, x.ReceivedAt });
        a.HasIndex(x => new { x.OrgPath, x.ReceivedAt });
    }
}
