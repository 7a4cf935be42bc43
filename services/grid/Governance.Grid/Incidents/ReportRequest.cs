using System.Text.Json;
using Governance.ServiceDefaults.Problems;

namespace Governance.Grid.Incidents;

/// <summary>An attachment's metadata; the file itself lives in the platform's object store.</summary>
public sealed record Attachment(string? Name, string? ContentType, long? Size, string? Url);

/// <summary>What a reporter says about a problem. The point is in <see cref="CoordinateSystem"/> (wgs84 when absent; gcj02 and bd09 are converted).</summary>
public sealed record ReportRequest(
    string? Source, string? Category, string? Urgency, string? Title, string? Description,
    double? Latitude, double? Longitude, string? Address, IReadOnlyList<Attachment>? Attachments,
    string? CoordinateSystem = null, string? RequestId = null);

internal static class IncidentInput
{
    public static IncidentSource Source(string? value) =>
        value switch
        {
            "patrol" => IncidentSource.Patrol,
            "citizen" => IncidentSource.Citizen,
            "hotline" => IncidentSource.Hotline,
            "video_alert" => IncidentSource.VideoAlert,
            "department" => IncidentSource.Department,
            _ => throw DomainException.Invalid("source", $"The source '{value}' is not one of patrol, citizen, hotline, video_alert, department."),
        };

    public static string SourceName(IncidentSource source) => source == IncidentSource.VideoAlert ? "video_alert" : source.ToString().ToLowerInvariant();

    public static Urgency Urgency(string? value, Urgency fallback = Incidents.Urgency.Normal) =>
        value switch
        {
            null or "" => fallback,
            "normal" => Incidents.Urgency.Normal,
            "urgent" => Incidents.Urgency.Urgent,
            "critical" => Incidents.Urgency.Critical,
            _ => throw DomainException.Invalid("urgency", $"The urgency '{value}' is not one of normal, urgent, critical."),
        };

    public static IncidentState State(string value) =>
        Enum.TryParse<IncidentState>(value, ignoreCase: true, out var state) && !value.Any(char.IsAsciiDigit)
            ? state
            : throw DomainException.Invalid("state", $"The state '{value}' is not one of the loop's states.");

    public const int MaxRequestIdLength = 64;

    /// <summary>A reporting system's id for its report: 1 to 64 letters, digits, '-', '_', '.' or ':'; absent when empty.</summary>
    public static string? RequestId(string? value) =>
        string.IsNullOrEmpty(value) ? null
        : value.Length <= MaxRequestIdLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':') ? value
        : throw DomainException.Invalid("requestId", $"The request id must be 1 to {MaxRequestIdLength} letters, digits, '-', '_', '.' or ':'.");

    public static string UrgencyName(Urgency urgency) => urgency.ToString().ToLowerInvariant();

    public static string Title(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > 200
            ? throw DomainException.Invalid("title", "The title must be 1 to 200 characters.")
            : trimmed;
    }

    public static string? Text(string? value, string field, int max) =>
        value is { Length: > 0 } && value.Length > max ? throw DomainException.Invalid(field, $"The {field} must be at most {max} characters.") : value;

    public static (double Latitude, double Longitude) Location(double? latitude, double? longitude)
    {
        if (latitude is not (>= -90 and <= 90)) throw DomainException.Invalid("latitude", "The latitude must be from -90 to 90 (decimal degrees).");
        if (longitude is not (>= -180 and <= 180)) throw DomainException.Invalid("longitude", "The longitude must be from -180 to 180 (decimal degrees).");
        return (latitude.Value, longitude.Value);
    }

    public static string? Attachments(IReadOnlyList<Attachment>? attachments)
    {
        if (attachments is null || attachments.Count == 0) return null;
        if (attachments.Count > 20) throw DomainException.Invalid("attachments", "At most 20 attachments.");
        for (var i = 0; i < attachments.Count; i++)
        {
            var a = attachments[i];
            if (string.IsNullOrWhiteSpace(a.Name) || a.Name.Length > 200 || a.Size is < 0
                || a.Url is null || !Uri.TryCreate(a.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
                throw DomainException.Invalid($"attachments[{i}]", "An attachment needs a name (≤ 200), a size of 0 or more and an http(s) url.");
        }
        return JsonSerializer.Serialize(attachments, JsonSerializerOptions.Web);
    }

    public static string Note(string? note, string field = "note", bool required = false)
    {
        var trimmed = note?.Trim() ?? "";
        if (required && trimmed.Length == 0) throw DomainException.Invalid(field, $"A {field} is required for this step.");
        return trimmed.Length > 2000 ? throw DomainException.Invalid(field, $"The {field} must be at most 2000 characters.") : trimmed;
    }
}
