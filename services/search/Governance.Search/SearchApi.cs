using Governance.Search.Access;
using Governance.Search.Backends;
using Governance.Search.Queries;
using Governance.Search.Reindex;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Search;

/// <summary>
/// Search's REST API under <c>/api/search</c> (OpenAPI document <c>/openapi/search.json</c>):
/// <list type="bullet">
/// <item><c>GET /api/search?q=&amp;type=&amp;org=&amp;grid=&amp;from=&amp;to=&amp;status=&amp;category=&amp;sort=&amp;page=&amp;pageSize=</c>:
/// a page of hits in the caller's scope, the total and the facets (type, status, category, grid), audited;</item>
/// <item><c>POST /api/search/reindex?type=</c>: rebuild the index from the read model (<c>search.manage</c>).</item>
/// </list>
/// </summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/search");
        api.MapGet("", SearchAsync).ProducesRefusals(400);
        api.MapPost("/reindex", ReindexAsync).ProducesRefusals(400);
        return app;
    }

    private static async Task<Ok<SearchResult>> SearchAsync(HttpContext http, Searcher searcher, string? q, string? type, string? org, string? grid,
        string? from, string? to, string? status, string? category, string? sort, string? page, string? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await searcher.SearchAsync(http.Caller(), new SearchParameters(q, type, org, grid, from, to, status, category, sort, page, pageSize),
            "rest", ct));

    private static async Task<Ok<Reindexer.Outcome>> ReindexAsync(HttpContext http, RolePermissions permissions, Reindexer reindexer, string? type, CancellationToken ct)
    {
        await permissions.EnsureAnyRoleCarriesAsync(http.Caller(), SearchPermissions.Manage, ct);
        return TypedResults.Ok(await reindexer.ReindexAsync(type, ct));
    }
}
