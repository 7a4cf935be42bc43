using Governance.Contracts.Search.V1;
using Governance.Search.Tests.Api;
using Governance.Search.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Governance.Search.Tests.Grpc;

/// <summary><c>governance.search.v1</c> with the generated client, as a department's system would call it, on the same small city.</summary>
public sealed class SearchGrpcTests(CityFixture city) : IClassFixture<CityFixture>
{
    private SearchHost Host => city.Host;

    private CallOptions As(string subject, string org, string role) => new(
        headers: new Metadata { { "authorization", "Bearer " + Host.Issuer.TokenFor(subject, org, [role]) }, { "accept-language", "en" } },
        deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_search_over_gRPC_finds_what_REST_finds_with_the_same_scope_and_refusals()
    {
        using var channel = GrpcChannel.ForAddress(Host.Grpc);
        var client = new SearchService.SearchServiceClient(channel);
        var reply = await client.SearchAsync(new SearchRequest { Q = "社区" }, As("op-grpc", Host.Org("001"), "centre_operator"));
        Assert.Equal([city.Grid], reply.Hits.Select(h => h.Id));
        Assert.Contains("<em>社区</em>", reply.Hits[0].Highlight);
        Assert.Equal(1, reply.Total);
        Assert.Equal(1, reply.Facets.Single(f => f.Field == "type").Values.Single(v => v.Value == "grid").Count);

        var all = await client.SearchAsync(new SearchRequest { RecordTypes = { "incident", "house" }, PageSize = 50 }, As("op-grpc", Host.County, "centre_operator"));
        Assert.Equal(new[] { city.IncidentA, city.IncidentB }.Order(), all.Hits.Select(h => h.Id).Order()); // houses are not a centre operator's to read

        var bad = await Assert.ThrowsAsync<RpcException>(() =>
            client.SearchAsync(new SearchRequest { RecordTypes = { "person" } }, As("op-grpc", Host.County, "centre_operator")).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains("'person' is not a record type", bad.Status.Detail);
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            client.SearchAsync(new SearchRequest { Q = "x" }, As("med-grpc", Host.County, "mediator")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task Python_grpcio_runs_a_search()
    {
        var token = Host.Issuer.TokenFor("op-python", Host.Org("001"), ["centre_operator"]);
        var r = System.Text.Json.JsonDocument.Parse(await PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "search_client.py"),
            [$"127.0.0.1:{Host.Grpc.Port}", token, "社区"], TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(1, r.GetProperty("total").GetInt64());
        Assert.Equal([city.Grid], r.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("<em>社区</em>", r.GetProperty("highlights")[0].GetString());
        Assert.Equal("INVALID_ARGUMENT", r.GetProperty("bad_type")[0].GetString());
    }
}
