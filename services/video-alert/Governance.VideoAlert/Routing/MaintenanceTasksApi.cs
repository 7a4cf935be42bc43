using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// <c>/api/videoalert/maintenance</c>: the camera owners' repair tasks in the caller's camera.manage reach — list, read,
/// start (open → in_progress) and close with a resolution note, each change with the version read (stale → 409).
/// </summary>
public static class MaintenanceTasksApi
{
    public static IEndpointRouteBuilder MapMaintenanceTasksApi(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/videoalert/maintenance");
        tasks.MapGet("", List).ProducesRefusals(400, 403);
        tasks.MapGet("/{id:guid}", Get).ProducesRefusals(404);
        tasks.MapPost("/{id:guid}/start", Start).ProducesRefusals(400, 404, 409);
        tasks.MapPost("/{id:guid}/close", Close).ProducesRefusals(400, 404, 409);
        return app;
    }

    /// <summary>Newest first; <c>org</c> (a subtree) and <c>status</c> (open, in_progress, closed) narrow it.</summary>
    private static async Task<Ok<IReadOnlyList<MaintenanceTaskView>>> List(HttpContext http, MaintenanceTasks tasks, string? org, string? status,
        int? limit, int? offset, CancellationToken ct) =>
        TypedResults.Ok(await tasks.ListAsync(http.Caller(), org, status, limit ?? 50, offset ?? 0, ct));

    private static async Task<Ok<MaintenanceTaskView>> Get(HttpContext http, MaintenanceTasks tasks, Guid id, CancellationToken ct) =>
        TypedResults.Ok(MaintenanceTaskView.Of(await tasks.GetAsync(http.Caller(), id, ct)));

    private static async Task<Ok<MaintenanceTaskView>> Start(HttpContext http, MaintenanceTasks tasks, Guid id, StartMaintenanceRequest request, CancellationToken ct) =>
        TypedResults.Ok(MaintenanceTaskView.Of(await tasks.StartAsync(http.Caller(), id, request.Version, ct)));

    private static async Task<Ok<MaintenanceTaskView>> Close(HttpContext http, MaintenanceTasks tasks, Guid id, CloseMaintenanceRequest request, CancellationToken ct) =>
        TypedResults.Ok(MaintenanceTaskView.Of(await tasks.CloseAsync(http.Caller(), id, request.Version, request.Resolution, ct)));
}
