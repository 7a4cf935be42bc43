namespace Governance.Console.Api;

// What the alerts page, the dashboard's new-alerts block and the map read from video-alert's REST API, by its JSON names
// (the console's own records: it depends on the HTTP contract only). Alerts are about events and devices, never people.

public sealed record VideoAlert(
    Guid Id, string CameraId, string Kind, int Priority, string Method, int Count, DateTime FirstAt, DateTime LastAt, string? GridCode,
    string OrgPath, string Status, string? RoutedTo, DateTime? AckDeadline, int EscalationLevel, DateTime? AcknowledgedAt, int Version);

public sealed record CameraFigure(string OrgPath, string Level, int Cameras, int Online, double? OnlineRate, int Networked, double? NetworkedRate,
    int KeyAreaCameras, int KeyAreaNetworked, double? KeyAreaCoverage);

public sealed record Camera(string DeviceId, string Name, double Longitude, double Latitude, string GridCode, string OrgPath, string Owner, bool KeyArea,
    string Status, DateTime? LastSeenAt);

/// <summary>The body of <c>POST /api/videoalert/alerts/{id}/acknowledge</c>: the version that was read.</summary>
public sealed record AcknowledgeAlert(int Version);

/// <summary>The alerts' REST calls, with the user's token (<see cref="ServicesApi"/>).</summary>
public static class AlertsApi
{
    public static Task<ApiResult<List<VideoAlert>>> AlertsAsync(this ServicesApi api, string? status, int limit, CancellationToken ct = default) =>
        api.GetAsync<List<VideoAlert>>($"/api/videoalert/alerts?limit={limit}{(string.IsNullOrEmpty(status) ? "" : "&status=" + Uri.EscapeDataString(status))}", ct);

    public static Task<ApiResult<VideoAlert>> AcknowledgeAsync(this ServicesApi api, VideoAlert alert, CancellationToken ct = default) =>
        api.PostAsync<VideoAlert>($"/api/videoalert/alerts/{alert.Id}/acknowledge", new AcknowledgeAlert(alert.Version), ct);

    public static Task<ApiResult<List<CameraFigure>>> CameraFiguresAsync(this ServicesApi api, string by, CancellationToken ct = default) =>
        api.GetAsync<List<CameraFigure>>($"/api/videoalert/figures?by={by}", ct);

    /// <summary>The cameras in reach (within <paramref name="org"/> when given), the service's largest page.</summary>
    public static Task<ApiResult<List<Camera>>> CamerasAsync(this ServicesApi api, string? org, CancellationToken ct = default) =>
        api.GetAsync<List<Camera>>($"/api/videoalert/cameras?limit=200{(org is null ? "" : "&org=" + Uri.EscapeDataString(org))}", ct);
}
