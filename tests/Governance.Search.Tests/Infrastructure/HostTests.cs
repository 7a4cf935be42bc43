using System.Net;
using Governance.Search.Backends;

namespace Governance.Search.Tests.Infrastructure;

public sealed class HostTests
{
    private const string Problem = "application/problem+json";

    [Fact]
    public async Task The_host_starts_ready_on_SQLite_and_serves_its_OpenAPI_document_with_each_refusal()
    {
        await using var host = await SearchHost.StartAsync(sqlite: true);
        using var http = host.Client();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/search?q=x", ct)).StatusCode);
        using var op = host.ClientAs("op-sqlite", host.County, "centre_operator");
        Assert.Equal(0, (await host.GetAsync<SearchResult>(op, "/api/search?q=" + Uri.EscapeDataString("噪音"))).Total); // audited on SQLite too

        using var document = await OpenApiDocuments.FetchAsync(host.Http, "search", ct);
        Assert.Equal("Governance search", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = OpenApiDocuments.Paths(document);
        Assert.Contains("/api/search", paths);
        Assert.Contains("/api/search/reindex", paths);
        var search = OpenApiDocuments.Responses(document, "/api/search", "get");
        Assert.Equal(["200", "400", "401", "403"], search.Keys.Order());
        Assert.All(new[] { "400", "401", "403" }, status => Assert.Equal(Problem, search[status]));
    }
}
