using Governance.Grid.Tests.Infrastructure;

namespace Governance.Grid.Tests.OpenApi;

public sealed class GridOpenApiTests
{
    private const string Problem = "application/problem+json";

    [Fact]
    public async Task The_grid_document_is_served_anonymously_with_its_paths_and_each_refusal()
    {
        await using var host = await GridHost.StartAsync();

        using var document = await OpenApiDocuments.FetchAsync(host.Http, "grid", TestContext.Current.CancellationToken);

        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
        Assert.Equal("Governance grid", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = OpenApiDocuments.Paths(document);
        Assert.Contains("/api/grid/cells/import", paths);
        Assert.Contains("/api/grid/incidents/{id}/dispatch", paths);
        Assert.Contains("/api/grid/locate", paths);
        Assert.Contains("/open311/v2/requests.{format}", paths);
        // Only the grid's own endpoints: health and other services' routes stay out.
        Assert.DoesNotContain(paths, p => p.StartsWith("/health", StringComparison.Ordinal) || p.StartsWith("/openapi", StringComparison.Ordinal));

        var dispatch = OpenApiDocuments.Responses(document, "/api/grid/incidents/{id}/dispatch", "post");
        foreach (var status in new[] { "400", "401", "403", "404", "409" }) Assert.Equal(Problem, dispatch[status]);
        Assert.Equal(["Bearer"], OpenApiDocuments.Security(document, "/api/grid/incidents/{id}/dispatch", "post"));
        var import = OpenApiDocuments.Responses(document, "/api/grid/cells/import", "post");
        Assert.Equal(["200", "400", "401", "403", "409", "413", "415"], import.Keys.Order());
        var cell = OpenApiDocuments.Responses(document, "/api/grid/cells/{code}", "get");
        Assert.Equal(["200", "401", "403", "404"], cell.Keys.Order());
        // Open311 is anonymous: no token to refuse, no bearer requirement.
        Assert.DoesNotContain("401", OpenApiDocuments.Responses(document, "/open311/v2/requests.{format}", "post").Keys);
        Assert.Empty(OpenApiDocuments.Security(document, "/open311/v2/requests.{format}", "post"));
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }
}
