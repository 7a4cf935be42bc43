using System.Net;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Grpc.Core;
using static Governance.Grpc.Tests.Support.EchoChannel;

namespace Governance.Grpc.Tests;

/// <summary>ASP.NET authentication and authorization refuse gRPC calls with a gRPC status, REST requests as before.</summary>
public sealed class AuthTests(GrpcHost host) : IClassFixture<GrpcHost>
{
    [Fact]
    public async Task A_signed_in_caller_is_served_as_itself()
    {
        using var echo = new EchoChannel(host.Grpc);
        var reply = await echo.Client.SayAsync(new SayRequest { Text = "hi" }, As(host.Issuer.Token("u-7"))).ResponseAsync;
        Assert.Equal(("hi", "u-7"), (reply.Text, reply.Caller));
    }

    [Fact]
    public async Task An_anonymous_call_or_a_bad_token_is_UNAUTHENTICATED_trailers_only()
    {
        using var echo = new EchoChannel(host.Grpc);
        var anonymous = await StatusOfAsync(() => echo.Client.SayAsync(new SayRequest { Text = "hi" }, As(null)).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "This call needs a bearer token."), (anonymous.StatusCode, anonymous.Detail));
        Assert.Equal(StatusCode.Unauthenticated, (await StatusOfAsync(() => echo.Client.SayAsync(new SayRequest(), As("not.a.token")).ResponseAsync)).StatusCode);

        // The status comes as HTTP 200 with grpc-status in the headers, so every gRPC client reads it.
        using var http = GrpcWire.Client(host.Grpc);
        var answer = await GrpcWire.CallAsync(http, "/governance.testing.v1.Echo/Say", GrpcWire.Frame(new SayRequest()), token: null);
        Assert.Equal((HttpStatusCode.OK, 16, true, 0), (answer.Http, answer.Status, answer.Headers.Contains("grpc-status"), answer.Messages.Count));
    }

    [Fact]
    public async Task REST_keeps_its_401_problem()
    {
        using var http = new HttpClient { BaseAddress = host.Http };
        var response = await http.GetAsync("/api/anything", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

/// <summary>A role the caller lacks: PERMISSION_DENIED, not an HTTP 403.</summary>
public sealed class ForbiddenTests(AuditorOnlyGrpcHost host) : IClassFixture<AuditorOnlyGrpcHost>
{
    [Fact]
    public async Task A_caller_without_the_role_is_PERMISSION_DENIED()
    {
        using var echo = new EchoChannel(host.Grpc);
        var status = await StatusOfAsync(() => echo.Client.SayAsync(new SayRequest { Text = "hi" }, As(host.Token())).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "Your roles and scopes do not permit this action."), (status.StatusCode, status.Detail));
    }
}
