using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Identity.Departments;

/// <summary>The console's REST API for member departments, under <c>/api/identity/departments</c>.</summary>
public static class DepartmentsApi
{
    public sealed record CreateRequest(string? OrgPath, string? Code, string? Name, string? Kind);
    public sealed record RenameRequest(string? Name);

    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var departments = app.MapGroup("/api/identity/departments");
        departments.MapGet("", List).ProducesRefusals(400);
        departments.MapPost("", Create).ProducesRefusals(400, 409);
        departments.MapPost("/{id:guid}/rename", Rename).ProducesRefusals(400, 404, 409);
        departments.MapPost("/{id:guid}/retire", Retire).ProducesRefusals(404, 409);
        return app;
    }

    private static async Task<Ok<List<DepartmentView>>> List(HttpContext http, DepartmentDirectory directory,
        string? orgPath, bool? includeDescendants, bool? includeRetired, CancellationToken ct) =>
        TypedResults.Ok(await directory.ListAsync(http.Caller(), orgPath, includeDescendants ?? false, includeRetired ?? false, ct));

    private static async Task<Created<DepartmentView>> Create(HttpContext http, DepartmentDirectory directory, CreateRequest request, CancellationToken ct)
    {
        var department = await directory.CreateAsync(http.Caller(), request.OrgPath, request.Code, request.Name, request.Kind, ct);
        return TypedResults.Created($"/api/identity/departments/{department.Id}", department);
    }

    private static async Task<Ok<DepartmentView>> Rename(HttpContext http, DepartmentDirectory directory, Guid id, RenameRequest request, CancellationToken ct) =>
        TypedResults.Ok(await directory.RenameAsync(http.Caller(), id, request.Name, ct));

    private static async Task<Ok<DepartmentView>> Retire(HttpContext http, DepartmentDirectory directory, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await directory.RetireAsync(http.Caller(), id, ct));
}
