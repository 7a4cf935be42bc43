using System.Net;

namespace Governance.Assessment.Tests.Infrastructure;

public sealed class HostTests
{
    private const string Problem = "application/problem+json";

    [Fact]
    public async Task The_host_starts_ready_and_serves_its_OpenAPI_document_with_each_refusal()
    {
        await using var host = await AssessmentHost.StartAsync();
        using var http = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/assessment/rankings?org=632801&period=2026", TestContext.Current.CancellationToken)).StatusCode);

        using var document = await OpenApiDocuments.FetchAsync(host.Http, "assessment", TestContext.Current.CancellationToken);
        Assert.Equal("Governance assessment", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = OpenApiDocuments.Paths(document);
        Assert.Contains("/api/assessment/scorecard", paths);
        Assert.Contains("/api/assessment/indicators", paths);
        Assert.DoesNotContain(paths, p => !p.StartsWith("/api/assessment/", StringComparison.Ordinal));
        var change = OpenApiDocuments.Responses(document, "/api/assessment/letters/{id}/versions/{version}", "put");
        Assert.Equal(["200", "400", "401", "403", "404", "409"], change.Keys.Order());
        Assert.All(new[] { "400", "401", "403", "404", "409" }, status => Assert.Equal(Problem, change[status]));
        // What people enter: each step documents its refusals too.
        foreach (var path in new[] { "/api/assessment/manual-values/{id}/review", "/api/assessment/tasks/{id}/reports/{attempt}/review", "/api/assessment/findings/{id}/contest" })
            Assert.Equal(["200", "400", "401", "403", "404", "409"], OpenApiDocuments.Responses(document, path, "post").Keys.Order());
        Assert.Equal(["201", "400", "401", "403"], OpenApiDocuments.Responses(document, "/api/assessment/findings", "post").Keys.Order());
    }
}
