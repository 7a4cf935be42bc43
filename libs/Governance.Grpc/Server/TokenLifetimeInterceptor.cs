using System.Globalization;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Governance.Grpc.Server;

/// <summary>
/// A streaming call lives no longer than the token it was opened with. A watch opened with a
/// five-minute token would otherwise keep delivering for hours after the caller's access was
/// withdrawn (disabled account, moved post, ended sign-in): the check was made once, at the
/// start. At the token's <c>exp</c> the handler's cancellation token fires, and the call ends
/// with UNAUTHENTICATED, which tells the client to get a fresh token and open the stream again.
/// Unary calls are short and untouched; anonymous streams (health Watch) have no expiry.
/// </summary>
public sealed class TokenLifetimeInterceptor(TimeProvider clock) : Interceptor
{
    /// <summary>The detail of the status a stream ends with when its token expires.</summary>
    public const string ExpiredDetail = "访问令牌已过期，流已结束：请取得新令牌后重新打开。The access token expired, so the stream ended: get a new token and open it again.";

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        BoundAsync(context, bound => continuation(request, responseStream, bound));

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        TResponse response = default!;
        await BoundAsync(context, async bound => response = await continuation(requestStream, bound));
        return response;
    }

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        BoundAsync(context, bound => continuation(requestStream, responseStream, bound));

    private async Task BoundAsync(ServerCallContext context, Func<ServerCallContext, Task> call)
    {
        var http = context.GetHttpContext();
        if (ExpiresAt(http.User.FindFirst("exp")?.Value) is not { } expiresAt)
        {
            await call(context);
            return;
        }
        var left = expiresAt - clock.GetUtcNow();
        if (left <= TimeSpan.Zero) throw new RpcException(new Status(StatusCode.Unauthenticated, ExpiredDetail));
        using var expiry = new CancellationTokenSource(left, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, expiry.Token);
        try
        {
            await call(new ExpiringCallContext(context, http, linked.Token));
        }
        catch (Exception e) when (Expired(e, expiry, context))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, ExpiredDetail));
        }
        // A handler that ends quietly on cancellation (as a watch does) still tells why it ended.
        if (Expired(null, expiry, context)) throw new RpcException(new Status(StatusCode.Unauthenticated, ExpiredDetail));
    }

    private static bool Expired(Exception? e, CancellationTokenSource expiry, ServerCallContext context) =>
        expiry.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested
        && e is null or OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled };

    private static DateTimeOffset? ExpiresAt(string? exp) =>
        long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
