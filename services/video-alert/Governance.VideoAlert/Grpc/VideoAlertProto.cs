using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Cameras;
using V1 = Governance.Contracts.VideoAlert.V1;

namespace Governance.VideoAlert.Grpc;

/// <summary>Between the service's records and the messages of <c>governance.videoalert.v1</c>.</summary>
internal static class VideoAlertProto
{
    public const int DefaultPageSize = 50, MaxPageSize = 200;

    public static V1.Camera ToProto(Camera c)
    {
        var view = CameraView.Of(c);
        return new V1.Camera
        {
            DeviceId = view.DeviceId, TypeCode = view.TypeCode, Kind = view.Kind ?? "", Name = view.Name, Longitude = view.Longitude, Latitude = view.Latitude,
            GridCode = view.GridCode, OrgPath = view.OrgPath, Owner = view.Owner, KeyArea = view.KeyArea, PlatformId = view.PlatformId ?? "",
            Status = view.Status, LastSeenAt = Time(view.LastSeenAt), RegisteredUntil = Time(view.RegisteredUntil),
            FirstRegisteredAt = Time(view.FirstRegisteredAt), RegisteredAt = Time(view.RegisteredAt), Version = view.Version,
        };
    }

    /// <summary>The alert without its free-text summary: what a device writes there could name a person or a plate.</summary>
    public static V1.Alert ToProto(Alert a) => new()
    {
        Id = a.Id.ToString(), DeviceId = a.CameraId, Kind = a.Kind, Priority = a.Priority, Method = a.Method, Count = a.Count,
        FirstAt = Time(a.FirstAt), LastAt = Time(a.LastAt), Grouping = a.Grouping,
        HasLocation = a.Longitude is not null && a.Latitude is not null, Longitude = a.Longitude ?? 0, Latitude = a.Latitude ?? 0,
        GridCode = a.GridCode ?? "", OrgPath = a.OrgPath, Status = a.Status, RoutedTo = a.RoutedTo ?? "", RouteTarget = a.RouteTarget ?? "",
        RoutedAt = Time(a.RoutedAt), Department = a.Department ?? "", AckDeadline = Time(a.AckDeadline), EscalationLevel = a.EscalationLevel,
        AcknowledgedAt = Time(a.AcknowledgedAt), AcknowledgedBy = a.AcknowledgedBy ?? "", Version = a.Version,
    };

    public static string? Empty(string value) => value.Length == 0 ? null : value;

    public static Guid AlertId(string value) =>
        Guid.TryParse(value, out var id) ? id : throw DomainException.Invalid("alert_id", $"The alert_id '{value}' is not a UUID.");

    /// <summary>The page size asked for (0 means <see cref="DefaultPageSize"/>).</summary>
    public static int PageSize(int size) => size switch
    {
        0 => DefaultPageSize,
        < 0 or > MaxPageSize => throw DomainException.Invalid("page_size", $"The page_size must be 1 to {MaxPageSize} (0 means {DefaultPageSize})."),
        _ => size,
    };

    /// <summary>Where the page starts. Tokens are offsets: a list changes little between pages, and the order is stable.</summary>
    public static int Offset(string token)
    {
        if (token.Length == 0) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException)
        {
        }
        throw DomainException.Invalid("page_token", "The page_token is not one this service gave out.");
    }

    public static string NextToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{offset}"));

    // Stored times are UTC; Timestamp.FromDateTime insists on the kind, which the database may not have kept.
    private static Timestamp? Time(DateTime? value) =>
        value is { } t ? Timestamp.FromDateTime(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
