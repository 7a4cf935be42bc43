using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Governance.Grpc.Server;

/// <summary>
/// The call's context with a cancellation token that also fires when the caller's token expires
/// (<see cref="TokenLifetimeInterceptor"/>). Everything else is the original call's; the HTTP
/// context is placed where grpc-dotnet's <c>GetHttpContext()</c> looks for it in a wrapped context.
/// </summary>
internal sealed class ExpiringCallContext : ServerCallContext
{
    private readonly ServerCallContext inner;
    private readonly CancellationToken token;

    public ExpiringCallContext(ServerCallContext inner, HttpContext http, CancellationToken token)
    {
        (this.inner, this.token) = (inner, token);
        inner.UserState["__HttpContext"] = http;
    }

    protected override string MethodCore => inner.Method;
    protected override string HostCore => inner.Host;
    protected override string PeerCore => inner.Peer;
    protected override DateTime DeadlineCore => inner.Deadline;
    protected override Metadata RequestHeadersCore => inner.RequestHeaders;
    protected override CancellationToken CancellationTokenCore => token;
    protected override Metadata ResponseTrailersCore => inner.ResponseTrailers;
    protected override Status StatusCore { get => inner.Status; set => inner.Status = value; }
    protected override WriteOptions? WriteOptionsCore { get => inner.WriteOptions; set => inner.WriteOptions = value; }
    protected override AuthContext AuthContextCore => inner.AuthContext;
    protected override IDictionary<object, object> UserStateCore => inner.UserState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        inner.CreatePropagationToken(options);

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => inner.WriteResponseHeadersAsync(responseHeaders);
}
