using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.VideoAlert.Alarms;

/// <summary>The console's REST API for alarms as received: a camera's, and those within the caller's org, newest first.</summary>
public static class AlarmsApi
{
    public static IEndpointRouteBuilder MapAlarmsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/videoalert/alarms", List).ProducesRefusals(400);
        app.MapGet("/api/videoalert/cameras/{deviceId}/alarms", OfCamera).ProducesRefusals(400, 404);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<AlarmView>>> List(HttpContext http, AlarmReads alarms, string? org, int? limit, int? offset, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<AlarmView>>((await alarms.ListAsync(http.Caller(), org, limit ?? 50, offset ?? 0, ct)).Select(AlarmView.Of).ToList());

    private static async Task<Ok<IReadOnlyList<AlarmView>>> OfCamera(HttpContext http, AlarmReads alarms, string deviceId, int? limit, int? offset, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<AlarmView>>((await alarms.OfCameraAsync(http.Caller(), deviceId, limit ?? 50, offset ?? 0, ct)).Select(AlarmView.Of).ToList());
}

/// <summary>An alarm as received. <c>DeviceTime</c> is the device's wall time, without a zone.</summary>
public sealed record AlarmView(Guid Id, string CameraId, string SenderId, string Sn, int Priority, int Method, int? AlarmType, DateTime DeviceTime,
    string? Description, double? Longitude, double? Latitude, DateTime ReceivedAt, string? GridCode, string OrgPath)
{
    public static AlarmView Of(Alarm a) => new(a.Id, a.CameraId, a.SenderId, a.Sn, a.Priority, a.Method, a.AlarmType, a.DeviceTime, a.Description,
        a.Longitude, a.Latitude, a.ReceivedAt, a.GridCode, a.OrgPath);
}
