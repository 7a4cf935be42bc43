using Governance.Population.Tests.Infrastructure;

namespace Governance.Population.Tests.OpenApi;

public sealed class PopulationOpenApiTests
{
    private const string Problem = "application/problem+json";

    [Fact]
    public async Task The_population_document_is_served_anonymously_with_its_paths_and_each_refusal()
    {
        await using var host = await PopulationHost.StartAsync();

        using var document = await OpenApiDocuments.FetchAsync(host.Http, "population", TestContext.Current.CancellationToken);

        Assert.Equal("Governance population", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = OpenApiDocuments.Paths(document);
        Assert.Equal(["/api/population/access-log", "/api/population/households", "/api/population/households/{id}",
            "/api/population/households/{id}/head", "/api/population/households/{id}/members",
            "/api/population/households/{id}/members/{personId}/leave", "/api/population/houses", "/api/population/houses/{id}",
            "/api/population/houses/{id}/children", "/api/population/houses/{id}/households", "/api/population/houses/{id}/residents",
            "/api/population/persons", "/api/population/persons/lookup", "/api/population/persons/{id}", "/api/population/persons/{id}/move-in",
            "/api/population/persons/{id}/move-out", "/api/population/persons/{id}/reveal", "/api/population/persons/{id}/stays",
            "/api/population/residents/counts"], paths.Order(StringComparer.Ordinal));
        var register = OpenApiDocuments.Responses(document, "/api/population/persons", "post");
        Assert.Equal(["201", "400", "401", "403", "409"], register.Keys.Order());
        Assert.All(new[] { "400", "401", "403", "409" }, status => Assert.Equal(Problem, register[status]));
        var reveal = OpenApiDocuments.Responses(document, "/api/population/persons/{id}/reveal", "post");
        Assert.Equal(["200", "400", "401", "403", "404"], reveal.Keys.Order());
        var house = OpenApiDocuments.Responses(document, "/api/population/houses", "post");
        Assert.Equal(["201", "400", "401", "403", "409"], house.Keys.Order());
        var moveIn = OpenApiDocuments.Responses(document, "/api/population/persons/{id}/move-in", "post");
        Assert.Equal(["200", "201", "400", "401", "403", "404", "409"], moveIn.Keys.Order());
        Assert.Equal(["Bearer"], OpenApiDocuments.Security(document, "/api/population/persons/lookup", "post"));
    }
}
