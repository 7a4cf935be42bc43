using Governance.Assessment.Reviews;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Assessment.Tasks;

/// <summary>
/// <c>/api/assessment/tasks</c>: <c>POST</c> allocate a month's task, <c>POST /{id}/reports</c> report it done (the department's
/// handlers), <c>POST /{id}/reports/{attempt}/review</c> accept or reject a report, <c>GET /{id}</c>, <c>GET ?department=|org=&amp;period=</c>.
/// </summary>
public static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        api.MapPost("/tasks", AllocateAsync).ProducesRefusals(400, 403);
        api.MapPost("/tasks/{id:guid}/reports", ReportAsync).ProducesRefusals(400, 403, 404, 409);
        api.MapPost("/tasks/{id:guid}/reports/{attempt:int}/review", ReviewAsync).ProducesRefusals(400, 403, 404, 409);
        api.MapGet("/tasks/{id:guid}", ReadAsync).ProducesRefusals(403, 404);
        api.MapGet("/tasks", ListAsync).ProducesRefusals(400, 403);
        return api;
    }

    private static async Task<Created<TaskBook.TaskView>> AllocateAsync(HttpContext http, TaskBook book, TaskBook.AllocateRequest request, CancellationToken ct)
    {
        var task = await book.AllocateAsync(http.Caller(), request, ct);
        return TypedResults.Created($"/api/assessment/tasks/{task.Id}", task);
    }

    private static async Task<Ok<TaskBook.TaskView>> ReportAsync(HttpContext http, TaskBook book, Guid id, TaskBook.ReportRequest request, CancellationToken ct) =>
        TypedResults.Ok(await book.ReportAsync(http.Caller(), id, request, ct));

    private static async Task<Ok<TaskBook.TaskView>> ReviewAsync(HttpContext http, TaskBook book, Guid id, int attempt, ReviewRequest request, CancellationToken ct) =>
        TypedResults.Ok(await book.ReviewAsync(http.Caller(), id, attempt, request, ct));

    private static async Task<Ok<TaskBook.TaskView>> ReadAsync(HttpContext http, TaskBook book, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await book.ReadAsync(http.Caller(), id, ct));

    private static async Task<Ok<IReadOnlyList<TaskBook.TaskView>>> ListAsync(HttpContext http, TaskBook book, string? department, string? org, string? period,
        CancellationToken ct) => TypedResults.Ok(await book.ListAsync(http.Caller(), department, org, period, ct));
}
