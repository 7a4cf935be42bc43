using Governance.Identity.Tests.Infrastructure;

namespace Governance.Identity.Tests.OpenApi;

public sealed class IdentityOpenApiTests
{
    private const string Problem = "application/problem+json";

    [Fact]
    public async Task The_identity_document_is_served_anonymously_with_its_paths_and_each_refusal()
    {
        await using var host = await IdentityHost.StartAsync();

        using var document = await OpenApiDocuments.FetchAsync(host.Http, "identity", TestContext.Current.CancellationToken);

        Assert.Equal("Governance identity", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = OpenApiDocuments.Paths(document);
        Assert.Contains("/connect/token", paths);
        Assert.Contains("/api/identity/users", paths);
        Assert.Contains("/api/identity/org-nodes/{id}/move", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/api/grid", StringComparison.Ordinal) || p.StartsWith("/health", StringComparison.Ordinal));

        var create = OpenApiDocuments.Responses(document, "/api/identity/users", "post");
        Assert.Equal(["201", "400", "401", "403", "409"], create.Keys.Order());
        Assert.All(new[] { "400", "401", "403", "409" }, status => Assert.Equal(Problem, create[status]));
        Assert.Equal(["Bearer"], OpenApiDocuments.Security(document, "/api/identity/users", "post"));
        var move = OpenApiDocuments.Responses(document, "/api/identity/org-nodes/{id}/move", "post");
        Assert.Equal(["200", "400", "401", "403", "404", "409"], move.Keys.Order());
        // The token endpoint is anonymous by the standard it follows (the client authenticates in the request);
        // discovery describes it and the rest of the OAuth surface, which OpenIddict serves outside this document.
        Assert.Empty(OpenApiDocuments.Security(document, "/connect/token", "post"));
    }
}
