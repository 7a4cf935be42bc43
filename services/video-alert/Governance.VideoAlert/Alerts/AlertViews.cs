using Governance.VideoAlert.Alarms;

namespace Governance.VideoAlert.Alerts;

/// <summary>An alert as the console shows it: about an event or a device, never about a person.</summary>
public sealed record AlertView(Guid Id, string CameraId, string Kind, int Priority, string Method, int Count, DateTime FirstAt, DateTime LastAt,
    bool Grouping, double? Longitude, double? Latitude, string? GridCode, string OrgPath, string? Summary, string Status, string? RoutedTo,
    string? RouteTarget, DateTime? RoutedAt, string? Department, DateTime? AckDeadline, int EscalationLevel, DateTime? AcknowledgedAt,
    string? AcknowledgedBy, int Version)
{
    public static AlertView Of(Alert a) => new(a.Id, a.CameraId, a.Kind, a.Priority, a.Method, a.Count, a.FirstAt, a.LastAt, a.Grouping,
        a.Longitude, a.Latitude, a.GridCode, a.OrgPath, a.Summary, a.Status, a.RoutedTo, a.RouteTarget, a.RoutedAt, a.Department, a.AckDeadline,
        a.EscalationLevel, a.AcknowledgedAt, a.AcknowledgedBy, a.Version);
}

/// <summary>An alert with its latest alarms (at most <see cref="AlertReads.LatestAlarms"/>), newest first.</summary>
public sealed record AlertDetailView(AlertView Alert, IReadOnlyList<AlarmView> LatestAlarms);

/// <summary>Acknowledging names the version of the alert that was read.</summary>
public sealed record AcknowledgeRequest(int? Version);
