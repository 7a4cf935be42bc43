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
        string[] expected =
        [
            "/api/population/access-log", "/api/population/care/arrivals", "/api/population/care/cases", "/api/population/care/cases/{id}",
            "/api/population/care/cases/{id}/close", "/api/population/care/cases/{id}/plan",
            "/api/population/care/cases/{id}/visits", "/api/population/care/cases/{id}/worker", "/api/population/care/figures", "/api/population/care/figures/visits",
            "/api/population/care/reads", "/api/population/care/visits/due", "/api/population/exports/households", "/api/population/exports/persons", "/api/population/floating/arrivals",
            "/api/population/floating/arrivals/{id}/departure", "/api/population/floating/figures",
            "/api/population/floating/permits/{personId}/renewal", "/api/population/floating/reminders",
            "/api/population/households", "/api/population/households/{id}", "/api/population/households/{id}/head",
            "/api/population/households/{id}/members", "/api/population/households/{id}/members/{personId}/leave",
            "/api/population/houses", "/api/population/houses/{id}", "/api/population/houses/{id}/children",
            "/api/population/houses/{id}/households", "/api/population/houses/{id}/residents",
            "/api/population/imports", "/api/population/imports/{id}", "/api/population/imports/{id}/rejected", "/api/population/persons",
            "/api/population/persons/lookup", "/api/population/persons/{id}", "/api/population/persons/{id}/move-in",
            "/api/population/persons/{id}/move-out", "/api/population/persons/{id}/reveal", "/api/population/persons/{id}/stays",
            "/api/population/protection/keys", "/api/population/protection/re-encrypt",
            "/api/population/rental-rules", "/api/population/rental-rules/versions",
            "/api/population/rental-rules/versions/{version}", "/api/population/rentals", "/api/population/rentals/{id}",
            "/api/population/rentals/{id}/agreement", "/api/population/rentals/{id}/inspections",
            "/api/population/residents/counts",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
        var register = OpenApiDocuments.Responses(document, "/api/population/persons", "post");
        Assert.Equal(["201", "400", "401", "403", "409"], register.Keys.Order());
        Assert.All(new[] { "400", "401", "403", "409" }, status => Assert.Equal(Problem, register[status]));
        var reveal = OpenApiDocuments.Responses(document, "/api/population/persons/{id}/reveal", "post");
        Assert.Equal(["200", "400", "401", "403", "404"], reveal.Keys.Order());
        var house = OpenApiDocuments.Responses(document, "/api/population/houses", "post");
        Assert.Equal(["201", "400", "401", "403", "409", "503"], house.Keys.Order());
        var careCase = OpenApiDocuments.Responses(document, "/api/population/care/cases/{id}", "get");
        Assert.Equal(["200", "400", "401", "403", "404"], careCase.Keys.Order());
        var inspect = OpenApiDocuments.Responses(document, "/api/population/rentals/{id}/inspections", "post");
        Assert.Equal(["201", "400", "401", "403", "404", "409"], inspect.Keys.Order());
        var moveIn = OpenApiDocuments.Responses(document, "/api/population/persons/{id}/move-in", "post");
        Assert.Equal(["200", "201", "400", "401", "403", "404", "409"], moveIn.Keys.Order());
        var upload = OpenApiDocuments.Responses(document, "/api/population/imports", "post");
        Assert.Equal(["202", "400", "401", "403"], upload.Keys.Order());
        var export = OpenApiDocuments.Responses(document, "/api/population/exports/persons", "get");
        Assert.Equal(["200", "400", "401", "403"], export.Keys.Order());
        Assert.Equal(["200", "401", "403"], OpenApiDocuments.Responses(document, "/api/population/protection/re-encrypt", "post").Keys.Order());
        Assert.Equal(["Bearer"], OpenApiDocuments.Security(document, "/api/population/persons/lookup", "post"));
    }
}
