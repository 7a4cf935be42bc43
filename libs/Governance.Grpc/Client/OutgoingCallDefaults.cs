using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;

namespace Governance.Grpc.Client;

/// <summary>
/// What every call of a platform client carries unless the call says otherwise: a deadline
/// (<see cref="GrpcClientExtensions.DefaultDeadline"/> from now), so that no call waits forever on a
/// stuck peer; and the <c>authorization</c> header of the request being served, so that a service calls
/// another as the end user (ARCHITECTURE.md: service-to-service calls carry the end user's token).
/// </summary>
internal sealed class OutgoingCallDefaults(IHttpContextAccessor http, TimeProvider clock, TimeSpan deadline) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context));

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(With(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(With(context));

    private ClientInterceptorContext<TRequest, TResponse> With<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class
    {
        var options = context.Options;
        if (options.Deadline is null) options = options.WithDeadline(clock.GetUtcNow().UtcDateTime + deadline);
        if (options.Headers?.Get("authorization") is null
            && http.HttpContext?.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            var headers = new Metadata();
            if (options.Headers is { } given)
                foreach (var entry in given) headers.Add(entry);
            headers.Add("authorization", authorization);
            options = options.WithHeaders(headers);
        }
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options);
    }
}
