using System.Net;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;

namespace Governance.Grpc.Tests;

/// <summary>Refusals reach gRPC callers as gRPC statuses; REST callers keep their problem details.</summary>
public sealed class AuthTests(GrpcHost host) : IClassFixture<GrpcHost>
{
    private async Task<GrpcAnswer> CallAsync(string path, string? token)
    {
        using var http = GrpcWire.Client(host.Grpc);
        return await GrpcWire.CallAsync(http, path, GrpcWire.Frame(new SayRequest { Text = "x" }), token);
    }

    [Fact]
    public async Task Missing_token_is_UNAUTHENTICATED_not_HTTP_401()
    {
        var answer = await CallAsync("/governance.testing.v1.Echo/Say", null);

        Assert.Equal(HttpStatusCode.OK, answer.Http);
        Assert.Equal(16, answer.Status);
        Assert.Empty(answer.Messages);
    }

    [Fact]
    public async Task Bad_token_is_UNAUTHENTICATED_saying_why()
    {
        var answer = await CallAsync("/governance.testing.v1.Echo/Say", host.Token()[..^4] + "AAAA");

        Assert.Equal(16, answer.Status);
        Assert.Equal("The token's signature is invalid.", answer.Message);
    }

    [Theory]
    [InlineData("/governance.testing.v1.Echo/Shout")]
    [InlineData("/governance.testing.v1.Nope/Say")]
    public async Task Unknown_method_is_UNAUTHENTICATED_for_anonymous_callers(string path)
    {
        var answer = await CallAsync(path, null);

        Assert.Equal(16, answer.Status);
    }

    [Fact]
    public async Task REST_request_without_token_still_gets_401_problem_details()
    {
        using var http = new HttpClient { BaseAddress = host.Http };
        using var response = await http.GetAsync("/anything", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
