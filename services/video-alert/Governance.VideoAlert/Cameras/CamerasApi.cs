using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.VideoAlert.Cameras;

/// <summary>The console's REST API for the camera registry, under <c>/api/videoalert/cameras</c> and <c>/platforms</c>.</summary>
public static class CamerasApi
{
    public static IEndpointRouteBuilder MapCamerasApi(this IEndpointRouteBuilder app)
    {
        var cameras = app.MapGroup("/api/videoalert/cameras");
        cameras.MapPost("", Register).ProducesRefusals(400, 403, 409, 503);
        cameras.MapGet("", List).ProducesRefusals(400);
        cameras.MapGet("/{deviceId}", Get).ProducesRefusals(404);
        cameras.MapPatch("/{deviceId}", Edit).ProducesRefusals(400, 403, 404, 409, 503);
        cameras.MapPost("/{deviceId}/retire", Retire).ProducesRefusals(400, 403, 404, 409);
        app.MapPost("/api/videoalert/platforms", RegisterPlatform).ProducesRefusals(400, 403, 409);
        return app;
    }

    private static async Task<Created<CameraView>> Register(HttpContext http, CameraRegistry cameras, CameraRequest request, CancellationToken ct)
    {
        var camera = await cameras.RegisterAsync(http.Caller(), request, ct);
        return TypedResults.Created($"/api/videoalert/cameras/{camera.DeviceId}", CameraView.Of(camera));
    }

    private static async Task<Ok<CameraView>> Get(HttpContext http, CameraRegistry cameras, string deviceId, CancellationToken ct) =>
        TypedResults.Ok(CameraView.Of(await cameras.GetAsync(http.Caller(), deviceId, ct)));

    /// <summary>The cameras in the caller's reach (within <c>org</c> when given), by org and id: those in service, or with <c>retired=true</c> the retired ones.</summary>
    private static async Task<Ok<IReadOnlyList<CameraView>>> List(HttpContext http, CameraRegistry cameras, string? org, int? limit, int? offset, bool? retired, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<CameraView>>((await cameras.ListAsync(http.Caller(), org, limit ?? 50, offset ?? 0, ct, retired ?? false)).Select(CameraView.Of).ToList());

    private static async Task<Ok<CameraView>> Retire(HttpContext http, CameraRegistry cameras, string deviceId, CameraRetirement retirement, CancellationToken ct) =>
        TypedResults.Ok(CameraView.Of(await cameras.RetireAsync(http.Caller(), deviceId, retirement, ct)));

    private static async Task<Ok<CameraView>> Edit(HttpContext http, CameraRegistry cameras, string deviceId, CameraPatch patch, CancellationToken ct) =>
        TypedResults.Ok(CameraView.Of(await cameras.EditAsync(http.Caller(), deviceId, patch, ct)));

    private static async Task<Created<PlatformView>> RegisterPlatform(HttpContext http, CameraRegistry cameras, PlatformRequest request, CancellationToken ct)
    {
        var platform = await cameras.RegisterPlatformAsync(http.Caller(), request, ct);
        return TypedResults.Created((string?)null, PlatformView.Of(platform));
    }
}
