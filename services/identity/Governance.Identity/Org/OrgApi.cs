using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Identity.Org;

/// <summary>The console's REST API for the org tree, under <c>/api/identity/org-nodes</c>.</summary>
public static class OrgApi
{
    public sealed record OrgNodeDto(Guid Id, string Code, string Path, string Name, string Level, string? ParentPath, bool Retired)
    {
        public static OrgNodeDto From(OrgNode n) =>
            new(n.Id, n.Code, n.Path, n.Name, n.Level.Name(), n.Path.Contains('/') ? n.Path[..n.Path.LastIndexOf('/')] : null, n.IsRetired);
    }

    public sealed record CreateRequest(string? ParentPath, string? Code, string? Name, string? Level);
    public sealed record RenameRequest(string? Name);
    public sealed record MoveRequest(string? NewParentPath, string? NewCode);

    public static IEndpointRouteBuilder MapOrgApi(this IEndpointRouteBuilder app)
    {
        var nodes = app.MapGroup("/api/identity/org-nodes");
        nodes.MapGet("", List).ProducesRefusals(400);
        nodes.MapGet("/by-path", ByPath).ProducesRefusals(400);
        nodes.MapGet("/{id:guid}", Get).ProducesRefusals(404);
        nodes.MapPost("", Create).ProducesRefusals(400, 409);
        nodes.MapPost("/{id:guid}/rename", Rename).ProducesRefusals(400, 404, 409);
        nodes.MapPost("/{id:guid}/move", Move).ProducesRefusals(400, 404, 409);
        nodes.MapPost("/{id:guid}/retire", Retire).ProducesRefusals(404, 409);
        return app;
    }

    private static async Task<Ok<List<OrgNodeDto>>> List(HttpContext http, OrgTree tree, string? parent, bool? includeRetired, CancellationToken ct) =>
        TypedResults.Ok((await tree.ListChildrenAsync(http.Caller(), parent, includeRetired ?? false, ct)).Select(OrgNodeDto.From).ToList());

    private static async Task<Ok<OrgNodeDto>> ByPath(HttpContext http, OrgTree tree, string? path, CancellationToken ct) =>
        TypedResults.Ok(OrgNodeDto.From(await tree.GetByPathAsync(http.Caller(), path, ct)));

    private static async Task<Ok<OrgNodeDto>> Get(HttpContext http, OrgTree tree, Guid id, CancellationToken ct) =>
        TypedResults.Ok(OrgNodeDto.From(await tree.GetAsync(http.Caller(), id, ct)));

    private static async Task<Created<OrgNodeDto>> Create(HttpContext http, OrgTree tree, CreateRequest request, CancellationToken ct)
    {
        var node = await tree.CreateAsync(http.Caller(), request.ParentPath, request.Code, request.Name, request.Level, ct);
        return TypedResults.Created($"/api/identity/org-nodes/{node.Id}", OrgNodeDto.From(node));
    }

    private static async Task<Ok<OrgNodeDto>> Rename(HttpContext http, OrgTree tree, Guid id, RenameRequest request, CancellationToken ct) =>
        TypedResults.Ok(OrgNodeDto.From(await tree.RenameAsync(http.Caller(), id, request.Name, ct)));

    private static async Task<Ok<OrgNodeDto>> Move(HttpContext http, OrgTree tree, Guid id, MoveRequest request, CancellationToken ct) =>
        TypedResults.Ok(OrgNodeDto.From(await tree.MoveAsync(http.Caller(), id, request.NewParentPath, request.NewCode, ct)));

    private static async Task<Ok<OrgNodeDto>> Retire(HttpContext http, OrgTree tree, Guid id, CancellationToken ct) =>
        TypedResults.Ok(OrgNodeDto.From(await tree.RetireAsync(http.Caller(), id, ct)));
}
