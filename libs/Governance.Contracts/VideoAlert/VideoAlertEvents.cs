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

/// <summary>A camera that was online went offline: it unregistered, its registration expired or its keepalives stopped.</summary>
/// <param name="DeviceId">The camera.</param>
/// <param name="GridCode">Its grid.</param>
/// <param name="OrgPath">Its grid's org path.</param>
/// <param name="Reason">unregistered, expired or silent (missed keepalives).</param>
/// <param name="LastSeenAt">When it was last heard from, in UTC.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record CameraWentOffline(string DeviceId, string GridCode, string OrgPath, string Reason, DateTime? LastSeenAt, DateTime OccurredAt);

/// <summary>A camera that was offline (or never seen) registered or was heard from again.</summary>
/// <param name="DeviceId">The camera.</param>
/// <param name="GridCode">Its grid.</param>
/// <param name="OrgPath">Its grid's org path.</param>
/// <param name="OccurredAt">When, in UTC.</param>
public sealed record CameraCameOnline(string DeviceId, string GridCode, string OrgPath, DateTime OccurredAt);
