using System.Globalization;
using System.Text.RegularExpressions;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Devices;

namespace Governance.VideoAlert.Webhook;

/// <summary>The checks of a webhook alarm's fields, each refusal naming the field (in the JSON's own spelling).</summary>
public static partial class WebhookChecks
{
    /// <summary>The kinds a box may report: all but device_flapping, which only the service itself concludes.</summary>
    public static readonly IReadOnlyList<string> Kinds = AlertKinds.All.Where(k => k != AlertKinds.DeviceFlapping).ToList();

    /// <summary>How far ahead of this service's clock an occurredAt may lie (a box's clock drifts a little).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);

    public sealed record Checked(DeviceId Camera, string EventId, string Kind, int Priority, DateTimeOffset OccurredAt, string? Description,
        double? Longitude, double? Latitude);

    /// <param name="at">Prefixed to the field a refusal names: <c>[3].</c> for a batch's fourth item.</param>
    public static Checked Check(WebhookAlarm alarm, DateTimeOffset now, string at = "")
    {
        var camera = CameraChecks.Id(alarm.CameraId, CameraChecks.CameraTypes, "camera", at + "cameraId");
        var eventId = alarm.EventId;
        if (string.IsNullOrEmpty(eventId) || eventId.Length > Alarm.MaxSnLength || eventId.Any(char.IsControl))
            throw DomainException.Invalid(at + "eventId", $"Give the box's own id of the event, 1 to {Alarm.MaxSnLength} characters without control characters.");
        if (alarm.Kind is not { } kind || !Kinds.Contains(kind))
            throw DomainException.Invalid(at + "kind", $"The kind must be one of {string.Join(", ", Kinds)}.");
        if (alarm.Priority is not { } priority || priority is < 1 or > 4)
            throw DomainException.Invalid(at + "priority", "The priority must be 1 (highest) to 4.");
        var occurredAt = OccurredAt(alarm.OccurredAt, at);
        if (occurredAt > now + MaxClockSkew)
            throw DomainException.Invalid(at + "occurredAt", "The occurredAt lies in the future: check the box's clock.");
        if (alarm.Description is { Length: > Alarm.MaxDescriptionLength })
            throw DomainException.Invalid(at + "description", $"The description must not be longer than {Alarm.MaxDescriptionLength} characters.");
        if ((alarm.Longitude is null) != (alarm.Latitude is null))
            throw DomainException.Invalid(at + (alarm.Longitude is null ? "longitude" : "latitude"), "Give both longitude and latitude, or neither.");
        if (alarm.Longitude is { } lng && (!double.IsFinite(lng) || lng is < -180 or > 180))
            throw DomainException.Invalid(at + "longitude", "The longitude must be between -180 and 180.");
        if (alarm.Latitude is { } lat && (!double.IsFinite(lat) || lat is < -90 or > 90))
            throw DomainException.Invalid(at + "latitude", "The latitude must be between -90 and 90.");
        return new Checked(camera, eventId, kind, priority, occurredAt, alarm.Description, alarm.Longitude, alarm.Latitude);
    }

    private static DateTimeOffset OccurredAt(string? value, string at)
    {
        if (value is null || !WithOffset().IsMatch(value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            throw DomainException.Invalid(at + "occurredAt", "Give occurredAt in ISO 8601 with an offset, e.g. 2026-11-30T10:15:00+08:00.");
        return parsed;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}
