using Governance.Mediation.Tests.Infrastructure;

namespace Governance.Mediation.Tests.OpenApi;

public sealed class MediationOpenApiTests
{
    private const string Problem = "application/problem+json";

    [Fact]
    public async Task The_mediation_document_is_served_anonymously_with_its_paths_and_each_refusal()
    {
        await using var host = await MediationHost.StartAsync();

        using var document = await OpenApiDocuments.FetchAsync(host.Http, "mediation", TestContext.Current.CancellationToken);

        Assert.Equal("Governance mediation", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = OpenApiDocuments.Paths(document);
        Assert.Contains("/api/mediation/cases", paths);
        Assert.Contains("/api/mediation/cases/{id}/refer", paths);
        Assert.Contains("/api/mediation/figures", paths);
        Assert.DoesNotContain(paths, p => !p.StartsWith("/api/mediation/", StringComparison.Ordinal));

        var refer = OpenApiDocuments.Responses(document, "/api/mediation/cases/{id}/refer", "post");
        Assert.Equal(["200", "400", "401", "403", "404", "409"], refer.Keys.Order());
        Assert.All(new[] { "400", "401", "403", "404", "409" }, status => Assert.Equal(Problem, refer[status]));
        var agreement = OpenApiDocuments.Responses(document, "/api/mediation/cases/{id}/agreement.pdf", "get");
        Assert.Equal("application/pdf", agreement["200"]);
        Assert.Equal(["Bearer"], OpenApiDocuments.Security(document, "/api/mediation/cases/{id}/refer", "post"));
    }
}
