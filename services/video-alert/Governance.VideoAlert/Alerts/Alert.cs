using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.VideoAlert.Alerts;

/// <summary>
/// What the centre works on: the alarms of one camera and one kind, folded together while they keep coming within the
/// grouping window (a count and the first and last time), normalised (<see cref="AlertKinds"/>, priority 1–4), placed
/// in the camera's grid, routed by the rules to a grid incident or a maintenance task, and acknowledged by its
/// deadline. About events and devices only: it has, and may get, no field that could carry a face, a person or a plate.
/// </summary>
public sealed class Alert
{
    public const int MaxSummaryLength = 200;

    public Guid Id { get; init; }
    /// <summary>The camera (20-digit GB/T 28181 id) that raised it.</summary>
    public required string CameraId { get; init; }
    /// <summary>One of <see cref="AlertKinds"/>.</summary>
    public required string Kind { get; init; }
    /// <summary>1 (highest) to 4: the highest of its alarms.</summary>
    public int Priority { get; set; }
    /// <summary>How it was raised (<see cref="AlertMethods"/>): device, video, device_fault, phone, …</summary>
    public required string Method { get; init; }
    /// <summary>Alarms folded into it, 1 at first.</summary>
    public int Count { get; set; } = 1;
    /// <summary>When its first and its latest alarm arrived, in UTC.</summary>
    public DateTime FirstAt { get; init; }
    public DateTime LastAt { get; set; }
    /// <summary>True while later alarms of the camera and kind fold into it; at most one such alert per camera and kind.</summary>
    public bool Grouping { get; set; } = true;
    /// <summary>WGS84: the alarm's own, else the camera's.</summary>
    public double? Longitude { get; init; }
    public double? Latitude { get; init; }
    /// <summary>The camera's grid, null when the camera is a lower platform's and not in the registry.</summary>
    public string? GridCode { get; init; }
    /// <summary>The camera's (or sending platform's) org: who may read and acknowledge it.</summary>
    public required string OrgPath { get; init; }
    /// <summary>The first alarm's description, capped: what the device said, never about a person.</summary>
    public string? Summary { get; init; }
    /// <summary><see cref="AlertStatus"/>: open, routed, acknowledged, resolved.</summary>
    public string Status { get; set; } = AlertStatus.Open;
    /// <summary>incident, maintenance or none (<see cref="AlertRoutes"/>), once routed.</summary>
    public string? RoutedTo { get; set; }
    /// <summary>The grid incident's id or the maintenance task's id.</summary>
    public string? RouteTarget { get; set; }
    public DateTime? RoutedAt { get; set; }
    /// <summary>The department the matching rule names (e.g. the camera owner's maintenance unit), whose systems may watch it.</summary>
    public string? Department { get; set; }
    /// <summary>When it must be acknowledged by (by priority); null until routed.</summary>
    public DateTime? AckDeadline { get; set; }
    /// <summary>0 until a deadline is missed; each missed deadline escalates one level up the org tree.</summary>
    public int EscalationLevel { get; set; }
    public DateTime? EscalatedAt { get; set; }
    /// <summary>Routing attempts so far (grid away, a lease taken over): the router's backoff grows with them.</summary>
    public int RouteAttempts { get; set; }
    /// <summary>While open: not before this may a router take it (a replica's lease on it, or the backoff after a failure); null = now.</summary>
    public DateTime? NextRouteAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    /// <summary>When an AlertGrouped was last published for it: at most one a second (AlertGrouping), null before the first.</summary>
    public DateTime? GroupedPublishedAt { get; set; }
    /// <summary>The count that AlertGrouped carried: the fold that sets it to its own count is the one that publishes.</summary>
    public int GroupedPublishedCount { get; set; }
    /// <summary>
    /// Bumped by every change of status (routing, acknowledgment, escalation), so two writers never both win; not by alarms
    /// folding in, so that an operator can acknowledge an alert whose alarms keep coming.
    /// </summary>
    public int Version { get; set; } = 1;
}

/// <summary>The alert's status words.</summary>
public static class AlertStatus
{
    public const string Open = "open";
    public const string Routed = "routed";
    public const string Acknowledged = "acknowledged";
    /// <summary>The fault was repaired: its maintenance task was closed (MaintenanceTasks). Later alarms raise a new alert.</summary>
    public const string Resolved = "resolved";
}

/// <summary>Where routing sent an alert.</summary>
public static class AlertRoutes
{
    public const string Incident = "incident";
    public const string Maintenance = "maintenance";
    public const string None = "none";
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> a)
    {
        a.ToTable("alerts");
        a.HasKey(x => x.Id);
        a.Property(x => x.CameraId).HasMaxLength(20);
        a.Property(x => x.Kind).HasMaxLength(32);
        a.Property(x => x.Method).HasMaxLength(16);
        a.Property(x => x.GridCode).HasMaxLength(15);
        a.Property(x => x.OrgPath).HasMaxLength(256);
        a.Property(x => x.Summary).HasMaxLength(Alert.MaxSummaryLength);
        a.Property(x => x.Status).HasMaxLength(16);
        a.Property(x => x.RoutedTo).HasMaxLength(16);
        a.Property(x => x.RouteTarget).HasMaxLength(64);
        a.Property(x => x.Department).HasMaxLength(64);
        a.Property(x => x.AcknowledgedBy).HasMaxLength(64);
        a.Property(x => x.Version).HasDefaultValue(1).IsConcurrencyToken();
        // One grouping alert per camera and kind: two alarms arriving at once cannot both open one.
        a.HasIndex(x => new { x.CameraId, x.Kind }).IsUnique().HasFilter("\"Grouping\"");
        a.HasIndex(x => new { x.OrgPath, x.LastAt });
        a.HasIndex(x => new { x.Status, x.AckDeadline });
        a.HasIndex(x => new { x.Status, x.NextRouteAt });
    }
}
