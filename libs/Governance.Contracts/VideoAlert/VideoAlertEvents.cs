namespace Governance.Contracts.VideoAlert;

// Video-alert events carry device ids, codes and org paths only: alarms are about events and devices, never about
// people (ARCHITECTURE, scope boundary), and a camera's name, place description and SIP secret stay in the service.
// Common parameters: DeviceId is the 20-digit GB/T 28181 id; OrgPath is the org of the grid the camera lies in;
// OccurredAt is UTC.

/// <summary>A camera was registered in the camera registry.</summary>
/// <param name="DeviceId">The camera.</param>
/// <param name="TypeCode">The GB/T 28181 type code (digits 11–13), e.g. 131 camera, 132 IP camera.</param>
/// <param name="GridCode">The 15-digit grid its point lies in.</param>
/// <param name="OrgPath">The grid's org path.</param>
/// <param name="Owner">public (公共) or social (社会资源).</param>
/// <param name="KeyArea">Whether it covers a key public area.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record CameraRegistered(string DeviceId, int TypeCode, string GridCode, string OrgPath, string Owner, bool KeyArea, DateTime OccurredAt);

/// <summary>
/// A camera was retired from the camera registry (taken down): it no longer registers, its alarms raise nothing, and it
/// leaves the online and networking rates from <paramref name="OccurredAt"/> on. Its id is never registered again.
/// </summary>
/// <param name="DeviceId">The camera.</param>
/// <param name="GridCode">The grid it lay in.</param>
/// <param name="OrgPath">The grid's org path.</param>
/// <param name="Reason">Why, as the administrator gave it (an operational note, e.g. "pole removed for road works").</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record CameraRetired(string DeviceId, string GridCode, string OrgPath, string Reason, DateTime OccurredAt);

/// <summary>A camera that was online went offline: it unregistered, its registration expired, its keepalives stopped, or its lower platform went offline.</summary>
/// <param name="DeviceId">The camera.</param>
/// <param name="GridCode">Its grid.</param>
/// <param name="OrgPath">Its grid's org path.</param>
/// <param name="Reason">unregistered, expired, silent (missed keepalives) or platform_offline (the lower platform it is reached through went offline).</param>
/// <param name="LastSeenAt">When it was last heard from, in UTC.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record CameraWentOffline(string DeviceId, string GridCode, string OrgPath, string Reason, DateTime? LastSeenAt, DateTime OccurredAt);

/// <summary>A camera that was offline (or never seen) registered or was heard from again, or its lower platform was.</summary>
/// <param name="DeviceId">The camera.</param>
/// <param name="GridCode">Its grid.</param>
/// <param name="OrgPath">Its grid's org path.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record CameraCameOnline(string DeviceId, string GridCode, string OrgPath, DateTime OccurredAt);

/// <summary>A new alert was raised: the first alarm of a camera and kind outside any open grouping window.</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="DeviceId">The camera that raised it.</param>
/// <param name="Kind">fire_smoke, flooding, intrusion, crowd_density, abandoned_object, road_blocked, video_loss, tampering, storage_fault, device_flapping or other.</param>
/// <param name="Priority">1 (highest) to 4.</param>
/// <param name="GridCode">The camera's grid, null for a platform's camera not in the registry.</param>
/// <param name="OrgPath">The org that may read it.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record AlertRaised(Guid AlertId, string DeviceId, string Kind, int Priority, string? GridCode, string OrgPath, DateTime OccurredAt);

/// <summary>A repeat alarm folded into an open alert (published at most once per alert per second, the count being the latest).</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="DeviceId">The camera.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Count">Alarms folded into it so far.</param>
/// <param name="Priority">The highest priority among them.</param>
/// <param name="OrgPath">The org that may read it.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record AlertGrouped(Guid AlertId, string DeviceId, string Kind, int Count, int Priority, string OrgPath, DateTime OccurredAt);

/// <summary>An alert was routed by the rules: to a grid incident, to the camera owner's maintenance, or nowhere.</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="DeviceId">The camera.</param>
/// <param name="RoutedTo">incident, maintenance or none.</param>
/// <param name="Target">The incident's or the task's id; null for none.</param>
/// <param name="AckDeadline">When it must be acknowledged by, in UTC.</param>
/// <param name="OrgPath">The org that may read it.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record AlertRouted(Guid AlertId, string DeviceId, string RoutedTo, string? Target, DateTime? AckDeadline, string OrgPath, DateTime OccurredAt);

/// <summary>An alert was acknowledged.</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="DeviceId">The camera.</param>
/// <param name="AcknowledgedBy">The account (subject) that acknowledged it.</param>
/// <param name="Late">Whether it was past its deadline.</param>
/// <param name="OrgPath">The org that may read it.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record AlertAcknowledged(Guid AlertId, string DeviceId, string AcknowledgedBy, bool Late, string OrgPath, DateTime OccurredAt);

/// <summary>An alert missed its acknowledgment deadline and was escalated one level up the org tree.</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="DeviceId">The camera.</param>
/// <param name="Level">1 for the first escalation, and so on.</param>
/// <param name="EscalatedTo">The org path it now falls to.</param>
/// <param name="OrgPath">The alert's own org.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record AlertEscalated(Guid AlertId, string DeviceId, int Level, string EscalatedTo, string OrgPath, DateTime OccurredAt);

/// <summary>A maintenance task (a device fault routed to the camera's owner) was taken on: open → in_progress.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="AlertId">The alert it was made for.</param>
/// <param name="DeviceId">The camera.</param>
/// <param name="StartedBy">The account (subject) that took it.</param>
/// <param name="OrgPath">The camera's org.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record MaintenanceTaskStarted(Guid TaskId, Guid AlertId, string DeviceId, string StartedBy, string OrgPath, DateTime OccurredAt);

/// <summary>A maintenance task was closed (its resolution note stays in the service: free text).</summary>
/// <param name="TaskId">The task.</param>
/// <param name="AlertId">The alert it was made for.</param>
/// <param name="DeviceId">The camera.</param>
/// <param name="ClosedBy">The account (subject) that closed it.</param>
/// <param name="AlertResolved">Whether closing it resolved the alert (false when the alert had been routed elsewhere since, or was resolved already).</param>
/// <param name="OrgPath">The camera's org.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record MaintenanceTaskClosed(Guid TaskId, Guid AlertId, string DeviceId, string ClosedBy, bool AlertResolved, string OrgPath, DateTime OccurredAt);
