using Governance.Grpc.Server;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Grpc.Core;
using static Governance.Grpc.Tests.Support.EchoChannel;

namespace Governance.Grpc.Tests;

/// <summary>TokenLifetimeInterceptor: a stream lives no longer than the token it was opened with.</summary>
public sealed class TokenLifetimeTests(GrpcHost host) : IClassFixture<GrpcHost>
{
    [Fact]
    public async Task A_stream_ends_UNAUTHENTICATED_when_its_token_expires()
    {
        var shortLived = host.Issuer.Tokens.Create(host.Issuer.Ec, d => d.Expires = DateTime.UtcNow.AddSeconds(2));
        using var echo = new EchoChannel(host.Grpc);
        using var call = echo.Client.Count(new CountRequest { UpTo = 100_000, IntervalMs = 50 }, As(shortLived));

        var received = 0;
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken)) received++;
        });

        Assert.Equal((StatusCode.Unauthenticated, TokenLifetimeInterceptor.ExpiredDetail), (ended.StatusCode, ended.Status.Detail));
        // Replies came until the expiry (none, if a loaded machine took longer than the token's life to start the
        // call: the interceptor then refuses it at once, with the same status); never all of them.
        Assert.InRange(received, 0, 99_999);
    }

    [Fact]
    public async Task A_stream_whose_token_outlives_it_ends_as_the_handler_ends_it()
    {
        using var echo = new EchoChannel(host.Grpc);
        using var call = echo.Client.Count(new CountRequest { UpTo = 5, IntervalMs = 1 }, As(host.Token()));

        var numbers = new List<int>();
        while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken)) numbers.Add(call.ResponseStream.Current.Number);

        Assert.Equal([1, 2, 3, 4, 5], numbers);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }
}
