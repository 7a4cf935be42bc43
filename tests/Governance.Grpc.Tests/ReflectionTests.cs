using Governance.Grpc.Tests.Support;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using static Governance.Grpc.Tests.Support.EchoChannel;

namespace Governance.Grpc.Tests;

/// <summary>Server reflection through Grpc.AspNetCore.Server.Reflection, for signed-in callers only.</summary>
public sealed class ReflectionTests(GrpcHost host) : IClassFixture<GrpcHost>
{
    [Fact]
    public async Task A_signed_in_caller_lists_the_services_and_an_anonymous_one_learns_nothing()
    {
        using var echo = new EchoChannel(host.Grpc);
        var reflection = new ServerReflection.ServerReflectionClient(echo.Channel);

        using var call = reflection.ServerReflectionInfo(As(host.Token()));
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("governance.testing.v1.Echo", names);
        Assert.Contains("grpc.health.v1.Health", names);

        using var anonymous = reflection.ServerReflectionInfo(As(null));
        var refused = await Assert.ThrowsAsync<RpcException>(() => anonymous.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }
}
