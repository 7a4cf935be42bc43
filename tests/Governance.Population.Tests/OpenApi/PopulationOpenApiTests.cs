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
        Assert.Equal(["/api/population/access-log", "/api/population/houses", "/api/population/houses/{id}", "/api/population/houses/{id}/children",
            "/api/population/imports", "/api/population/imports/{id}", "/api/population/imports/{id}/rejected",
            "/api/population/persons", "/api/population/persons/lookup", "/api/population/persons/{id}",
            "/api/population/persons/{id}/reveal"], paths.Order(StringComparer.Ordinal));
        var register = OpenApiDocuments.Responses(document, "/api/population/persons", "post");
        Assert.Equal(["201", "400", "401", "403", "409"], register.Keys.Order());
        Assert.All(new[] { "400", "401", "403", "409" }, status => Assert.Equal(Problem, register[status]));
        var reveal = OpenApiDocuments.Responses(document, "/api/population/persons/{id}/reveal", "post");
        Assert.Equal(["200", "400", "401", "403", "404"], reveal.Keys.Order());
        var house = OpenApiDocuments.Responses(document, "/api/population/houses", "post");
        Assert.Equal(["201", "400", "401", "403", "409"], house.Keys.Order());
        var upload = OpenApiDocuments.Responses(document, "/api/population/imports", "post");
        Assert.Equal(["202", "400", "401", "403"], upload.Keys.Order());
        Assert.Equal(["Bearer"], OpenApiDocuments.Security(document, "/api/population/persons/lookup", "post"));
    }
}
