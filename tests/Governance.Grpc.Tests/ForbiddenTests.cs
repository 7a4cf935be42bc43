using System.Net;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;

namespace Governance.Grpc.Tests;

public sealed class ForbiddenTests(AuditorOnlyGrpcHost host) : IClassFixture<AuditorOnlyGrpcHost>
{
    [Fact]
    public async Task Caller_without_the_required_role_gets_PERMISSION_DENIED()
    {
        using var http = GrpcWire.Client(host.Grpc);
        var answer = await GrpcWire.CallAsync(http, "/governance.testing.v1.Echo/Say", GrpcWire.Frame(new SayRequest { Text = "x" }), host.Token());

        Assert.Equal(HttpStatusCode.OK, answer.Http);
        Assert.Equal(7, answer.Status);
        Assert.Empty(answer.Messages);
    }
}
