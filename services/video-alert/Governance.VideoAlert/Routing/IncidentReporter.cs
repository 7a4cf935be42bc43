using System.Globalization;
using Governance.Contracts.Grid.V1;
using Governance.Grpc.Client;
using Governance.VideoAlert.Alerts;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// Reports an alert to grid as an incident (<c>ReportIncident</c>, source video_alert) with the service's own token:
/// the rule's category and urgency, the alert's point (WGS84), a Chinese title and description from the kind and the
/// camera (never the device's free text), and the alert's id as the report's request id, so grid opens one incident per
/// alert however often the report is retried.
/// </summary>
public sealed class IncidentReporter(IServiceProvider services, IGridToken token)
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);
    private readonly GridService.GridServiceClient? _grid = services.GetService<GridService.GridServiceClient>();

    /// <summary>The incident's id; throws <see cref="RouteFailedException"/> when grid cannot take it now.</summary>
    public async Task<string> ReportAsync(Alert alert, string? cameraName, RoutingRule rule, CancellationToken ct)
    {
        if (_grid is null) throw new RouteFailedException("No grid service is configured (VideoAlert:Grid:Address).");
        if (alert.Longitude is not { } longitude || alert.Latitude is not { } latitude)
            throw new RouteFailedException($"Alert {alert.Id} has no point (its camera is not in the registry), so grid cannot place it.");
        string bearer;
        try
        {
            bearer = await token.GetAsync(ct);
        }
        catch (ServiceAccountTokenUnavailableException e)
        {
            throw new RouteFailedException(e.Message, e);
        }
        var kind = KindNames.Chinese(alert.Kind);
        var camera = cameraName is null ? alert.CameraId : $"{cameraName}（{alert.CameraId}）";
        var first = (alert.FirstAt + ChinaTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var request = new ReportIncidentRequest
        {
            Source = "video_alert", Category = rule.Category, Urgency = rule.Urgency ?? "normal",
            Title = $"视频告警：{kind}（{cameraName ?? alert.CameraId}）",
            // The device's own free text (Summary) stays here: it is not ours to vouch for, and grid keeps what it gets.
            Description = $"摄像机{camera}于{first}（北京时间）报警：{kind}，优先级{alert.Priority}，共{alert.Count}次。告警编号：{alert.Id}",
            Latitude = latitude, Longitude = longitude, CoordinateSystem = "wgs84",
            // A retry (a lost answer, a lease run out) answers the incident this alert opened instead of opening another.
            RequestId = $"alert:{alert.Id}",
        };
        try
        {
            var answer = await _grid.ReportIncidentAsync(request, new Metadata { { "authorization", $"Bearer {bearer}" } },
                DateTime.UtcNow + CallDeadline, ct);
            return answer.Incident.Id;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
        {
            throw new RouteFailedException($"Grid refused or did not answer: {e.StatusCode} {e.Status.Detail}", e);
        }
    }
}

/// <summary>The alert could not be routed now; it stays open and is tried again after a backoff.</summary>
public sealed class RouteFailedException(string message, Exception? inner = null) : Exception(message, inner);
