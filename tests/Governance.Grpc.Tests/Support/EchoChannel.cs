using Governance.Grpc.Tests.Echo;
using Grpc.Core;
using Grpc.Net.Client;

namespace Governance.Grpc.Tests.Support;

/// <summary>grpc-dotnet's channel and the generated typed client to a test host.</summary>
public sealed class EchoChannel(Uri address, HttpMessageHandler? handler = null) : IDisposable
{
    public GrpcChannel Channel { get; } = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = null });

    public Echo.Echo.EchoClient Client => new(Channel);

    /// <summary>Call options carrying <paramref name="token"/> (none when null), the test's cancellation and a deadline.</summary>
    public static CallOptions As(string? token, Metadata? headers = null)
    {
        headers ??= [];
        if (token is not null) headers.Add("authorization", "Bearer " + token);
        return new CallOptions(headers, DateTime.UtcNow.AddSeconds(30), TestContext.Current.CancellationToken);
    }

    /// <summary>The status <paramref name="call"/> ends with.</summary>
    public static async Task<Status> StatusOfAsync(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).Status;

    public void Dispose() => Channel.Dispose();
}
