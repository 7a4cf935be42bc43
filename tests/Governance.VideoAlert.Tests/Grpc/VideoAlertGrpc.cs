using System.Runtime.CompilerServices;
using Governance.Contracts.VideoAlert;
using Governance.Contracts.VideoAlert.V1;
using Governance.Messaging.Outbox;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using Alert = Governance.VideoAlert.Alerts.Alert;
using Camera = Governance.VideoAlert.Cameras.Camera;

namespace Governance.VideoAlert.Tests.Grpc;

/// <summary>
/// Calls <c>governance.videoalert.v1.VideoAlertService</c> on a <see cref="VideoAlertHost"/> with the generated client, as
/// a department's system would, and writes the cameras and alerts the rpcs read straight into the database (the alert
/// with its event through the outbox, as grouping and routing commit them).
/// </summary>
internal sealed class VideoAlertGrpc(VideoAlertHost host) : IDisposable
{
    public const string Department = "cgj-632801";

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(host.Grpc);

    public VideoAlertService.VideoAlertServiceClient Client => new(_channel);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Token(string subject, string org, string role, string? department = null) => host.Issuer.TokenFor(subject, org, [role], department);

    public CallOptions As(string? token, DateTime? deadline = null, CancellationToken? cancel = null) => new(
        headers: token is null ? null : new Metadata { { "authorization", "Bearer " + token } },
        deadline: deadline ?? DateTime.UtcNow.AddSeconds(30), cancellationToken: cancel ?? Ct);

    /// <summary>The status <paramref name="call"/> fails with; its message must contain <paramref name="detail"/> when given.</summary>
    public static async Task<StatusCode> StatusOfAsync(Func<Task> call, string? detail = null)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        if (detail is not null) Assert.Contains(detail, error.Status.Detail);
        return error.StatusCode;
    }

    /// <summary>WatchAlerts as a sequence; leaving it disposes the call.</summary>
    public async IAsyncEnumerable<AlertUpdate> Watch(string token, WatchAlertsRequest request, [EnumeratorCancellation] CancellationToken cancel)
    {
        using var call = Client.WatchAlerts(request, As(token, DateTime.UtcNow.AddSeconds(60), cancel));
        await foreach (var update in call.ResponseStream.ReadAllAsync(cancel)) yield return update;
    }

    public Task AddCameraAsync(string deviceId, string org, string gridCode) => host.SeedAsync(db => db.Cameras.Add(new Camera
    {
        DeviceId = deviceId, TypeCode = int.Parse(deviceId.AsSpan(10, 3)), Name = $"路口 {deviceId[^2..]}", Longitude = 94.905, Latitude = 36.405,
        GridCode = gridCode, OrgPath = org, Owner = "public", RegisteredAt = DateTime.UtcNow, RegisteredBy = "admin-1",
    }));

    public static Alert NewAlert(string org, string kind = AlertKinds.FireSmoke, DateTime? firstAt = null, string? department = null) => new()
    {
        Id = Guid.NewGuid(), CameraId = CameraBodies.Camera1, Kind = kind, Priority = 2, Method = AlertMethods.Video,
        FirstAt = firstAt ?? DateTime.UtcNow, LastAt = firstAt ?? DateTime.UtcNow, OrgPath = org, GridCode = org.Replace("/", "")[..Math.Min(15, org.Replace("/", "").Length)],
        Summary = "烟雾", Department = department, Grouping = false,
    };

    /// <summary>Stores <paramref name="alert"/> with its AlertRaised in the outbox, in one commit.</summary>
    public Task RaiseAsync(Alert alert) => host.SeedAsync(db =>
    {
        db.Alerts.Add(alert);
        db.AddToOutbox(new AlertRaised(alert.Id, alert.CameraId, alert.Kind, alert.Priority, alert.GridCode, alert.OrgPath, alert.FirstAt), alert.Id.ToString());
    });

    /// <summary>Stores <paramref name="alert"/> as routed to its department, with its AlertRouted in the outbox.</summary>
    public Task RouteAsync(Alert alert) => host.SeedAsync(db =>
    {
        (alert.Status, alert.RoutedTo, alert.RouteTarget, alert.RoutedAt) = (AlertStatus.Routed, AlertRoutes.Maintenance, "task-1", DateTime.UtcNow);
        db.Alerts.Add(alert);
        db.AddToOutbox(new AlertRouted(alert.Id, alert.CameraId, alert.RoutedTo, alert.RouteTarget, alert.AckDeadline, alert.OrgPath, DateTime.UtcNow), alert.Id.ToString());
    });

    public void Dispose() => _channel.Dispose();
}
