using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Governance.VideoAlert.Webhook;

/// <summary>
/// An alarm as an analytics box posts it to <c>POST /api/videoalert/webhook/alarms</c> with its source's key in
/// <c>X-Api-Key</c>. Only events and devices: nothing here can carry a face, a person or a plate.
/// <code>{ "cameraId": "63280100001320000001", "eventId": "box7-000123", "kind": "fire_smoke", "priority": 1,
///   "occurredAt": "2026-11-30T10:15:00+08:00", "description": "烟雾", "longitude": 94.905, "latitude": 36.405 }</code>
/// Members are nullable so that a missing one is answered 400 naming it, not as unreadable JSON.
/// </summary>
public sealed record WebhookAlarm(
    [property: Required, Description("The camera's 20-digit GB/T 28181 id; it must be in the registry and within the source's org, else 404.")]
    string? CameraId,
    [property: Required, StringLength(64, MinimumLength = 1),
        Description("The box's own id of the event, 1-64 characters: the idempotency key. Sending the same eventId again stores nothing new and answers 200 with the alarm first stored.")]
    string? EventId,
    [property: Required, Description("fire_smoke, flooding, intrusion, crowd_density, abandoned_object, road_blocked, video_loss, tampering, storage_fault or other.")]
    string? Kind,
    [property: Required, Range(1, 4), Description("1 (highest) to 4.")]
    int? Priority,
    [property: Required, Description("When it happened: ISO 8601 with an offset (Z or +08:00), e.g. 2026-11-30T10:15:00+08:00.")]
    string? OccurredAt,
    [property: StringLength(500), Description("Optional, at most 500 characters.")]
    string? Description = null,
    [property: Range(-180.0, 180.0), Description("Optional WGS84 longitude of the event; with latitude, or neither.")]
    double? Longitude = null,
    [property: Range(-90.0, 90.0), Description("Optional WGS84 latitude of the event; with longitude, or neither.")]
    double? Latitude = null);

/// <summary>The answer to a stored alarm: 201 the first time, 200 with the same body when the eventId is sent again.</summary>
public sealed record WebhookAnswer(Guid AlarmId, string EventId, string CameraId, string SourceId);
