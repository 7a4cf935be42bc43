using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.VideoAlert.Webhook;

/// <summary>The admin's REST API for webhook sources, under <c>/api/videoalert/sources</c> (camera.manage over the source's org).</summary>
public static class SourcesApi
{
    public static IEndpointRouteBuilder MapSourcesApi(this IEndpointRouteBuilder app)
    {
        var sources = app.MapGroup("/api/videoalert/sources");
        sources.MapPost("", Create).ProducesRefusals(400, 403);
        sources.MapGet("", List).ProducesRefusals(400);
        sources.MapPost("/{id}/revoke", Revoke).ProducesRefusals(404);
        return app;
    }

    /// <summary>Creates a source; the answer holds its API key, the only time it is shown.</summary>
    private static async Task<Created<CreatedSourceView>> Create(HttpContext http, AlarmSourceAdmin admin, SourceRequest request, CancellationToken ct)
    {
        var created = await admin.CreateAsync(http.Caller(), request, ct);
        return TypedResults.Created((string?)null, new CreatedSourceView(SourceView.Of(created.Source), created.ApiKey));
    }

    private static async Task<Ok<IReadOnlyList<SourceView>>> List(HttpContext http, AlarmSourceAdmin admin, int? limit, int? offset, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<SourceView>>((await admin.ListAsync(http.Caller(), limit ?? 50, offset ?? 0, ct)).Select(SourceView.Of).ToList());

    private static async Task<Ok<SourceView>> Revoke(HttpContext http, AlarmSourceAdmin admin, string id, CancellationToken ct) =>
        TypedResults.Ok(SourceView.Of(await admin.RevokeAsync(http.Caller(), id, ct)));
}

/// <summary>A webhook source to create: its name and the org whose cameras it reports for.</summary>
public sealed record SourceRequest(string? Name, string? OrgPath);

/// <summary>A webhook source as listed: never its key, only the key's first characters to tell keys apart.</summary>
public sealed record SourceView(string Id, string Name, string OrgPath, string KeyPrefix, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt)
{
    public static SourceView Of(AlarmSource s) => new(s.Id, s.Name, s.OrgPath, s.KeyPrefix, s.CreatedAt, s.CreatedBy, s.RevokedAt);
}

/// <summary>A source just created, with its API key: keep it now, it is not shown again (send it as <c>X-Api-Key</c>).</summary>
public sealed record CreatedSourceView(SourceView Source, string ApiKey);
