using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Governance.Grpc.Status;
using Governance.Grpc.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Governance.Grpc.Client;

/// <summary>
/// Calls the rpcs of one server over one shared HTTP/2 <see cref="HttpClient"/>: unary and server-streaming,
/// with a deadline on every call, the caller's token forwarded, and retries of idempotent calls answered UNAVAILABLE.
/// Failures are thrown as <see cref="RpcException"/>. Every call is a client span on the "Governance.Grpc" activity
/// source and an <c>rpc.client.duration</c> measurement on the meter of that name. Thread-safe; register one per server (<c>AddGrpcClient</c>).
/// </summary>
public sealed class GrpcClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly GrpcClientOptions _options;
    private readonly IHttpContextAccessor? _accessor;
    private readonly RequestBuilder _requests;
    private readonly Uri _address;

    /// <summary>A client with its own <see cref="HttpClient"/> over <see cref="CreateHandler"/>.</summary>
    public GrpcClient(GrpcClientOptions options, IHttpContextAccessor? accessor = null)
        : this(new HttpClient(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan }, options, accessor) => _ownsHttp = true;

    /// <summary>A client over <paramref name="http"/>, which must allow HTTP/2 and set no shorter timeout than the deadlines.</summary>
    public GrpcClient(HttpClient http, GrpcClientOptions options, IHttpContextAccessor? accessor = null)
    {
        _http = http;
        _options = options;
        _accessor = options.ForwardAuthorization ? accessor : null;
        _address = options.Address ?? throw new ArgumentException("GrpcClientOptions.Address is required.", nameof(options));
        _requests = new RequestBuilder(_address);
    }

    /// <summary>The handler gRPC needs: several HTTP/2 connections when one's stream limit is reached, no response decompression.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Calls a unary rpc and returns its reply.</summary>
    public async Task<TReply> UnaryAsync<TRequest, TReply>(MethodDescriptor method, TRequest request, MessageParser<TReply> parser, CallOptions? options = null)
        where TRequest : IMessage where TReply : class, IMessage<TReply> =>
        (await UnaryCallAsync(method, request, parser, options)).Reply;

    /// <summary>Calls a unary rpc and returns its reply with the response headers and trailers.</summary>
    public async Task<UnaryResult<TReply>> UnaryCallAsync<TRequest, TReply>(MethodDescriptor method, TRequest request, MessageParser<TReply> parser, CallOptions? options = null)
        where TRequest : IMessage where TReply : class, IMessage<TReply>
    {
        options ??= new CallOptions();
        var deadline = Deadline(options);
        var started = Stopwatch.GetTimestamp();
        var span = GrpcClientTelemetry.Start(method, _address);
        try
        {
            var result = await UnaryAttemptsAsync(method, request, parser, options, deadline);
            GrpcClientTelemetry.End(span, method, StatusCode.OK, started);
            return result;
        }
        catch (Exception e)
        {
            GrpcClientTelemetry.End(span, method, GrpcClientTelemetry.CodeOf(e), started);
            throw;
        }
    }

    private async Task<UnaryResult<TReply>> UnaryAttemptsAsync<TReply>(MethodDescriptor method, IMessage request, MessageParser<TReply> parser, CallOptions options, DateTime deadline)
        where TReply : class, IMessage<TReply>
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var call = await StartAsync(method, request, options, deadline, options.CancellationToken);
                var reply = await call.ReadAsync(parser) ?? throw new RpcException(StatusCode.Internal, "The server sent no reply to a unary call.");
                if (await call.ReadAsync(parser) is not null) throw new RpcException(StatusCode.Internal, "The server sent more than one reply to a unary call.");
                return new UnaryResult<TReply>(reply, call.ResponseHeaders, call.ResponseTrailers);
            }
            catch (RpcException e) when (Retryable(e, options, attempt, deadline, out var backoff))
            {
                await BackoffAsync(backoff, options.CancellationToken);
            }
        }
    }

    /// <summary>
    /// Calls a server-streaming rpc; the call starts when enumeration does. Leaving the loop early resets the stream.
    /// </summary>
    public ServerStreamingCall<TReply> ServerStreaming<TRequest, TReply>(MethodDescriptor method, TRequest request, MessageParser<TReply> parser, CallOptions? options = null)
        where TRequest : IMessage where TReply : class, IMessage<TReply>
    {
        options ??= new CallOptions();
        return new ServerStreamingCall<TReply>(async cancellationToken =>
        {
            var deadline = Deadline(options);
            for (var attempt = 1; ; attempt++)
            {
                // Only the start is retried: once a message has been read, a retry would repeat it.
                try { return await StartAsync(method, request, options, deadline, cancellationToken); }
                catch (RpcException e) when (Retryable(e, options, attempt, deadline, out var backoff))
                {
                    await BackoffAsync(backoff, cancellationToken);
                }
            }
        }, parser, options.CancellationToken, method, _address);
    }

    private Task<ClientCall> StartAsync(MethodDescriptor method, IMessage request, CallOptions options, DateTime deadline, CancellationToken cancellationToken)
    {
        var message = _requests.Build(method, request, options, deadline, options.Compress ?? _options.CompressRequests, Authorization(options));
        return ClientCall.StartAsync(_http, message, deadline, cancellationToken, _options.MaxReceiveMessageBytes);
    }

    private DateTime Deadline(CallOptions options) => options.Deadline ?? DateTime.UtcNow + _options.DefaultDeadline;

    private string? Authorization(CallOptions options)
    {
        if (options.Headers?.GetValue("authorization") is not null) return null; // sent with the call's own metadata
        if (options.BearerToken is { } token) return "Bearer " + token;
        var incoming = _accessor?.HttpContext?.Request.Headers.Authorization;
        return incoming is { Count: > 0 } value ? value.ToString() : null;
    }

    /// <summary>UNAVAILABLE on an idempotent call, attempts left, and the backoff ends before the deadline.</summary>
    private bool Retryable(RpcException e, CallOptions options, int attempt, DateTime deadline, out TimeSpan backoff)
    {
        backoff = _options.InitialBackoff * Math.Pow(2, attempt - 1) * (0.8 + Random.Shared.NextDouble() * 0.4);
        return e.StatusCode == StatusCode.Unavailable && options.Idempotent && attempt < _options.MaxAttempts
            && DateTime.UtcNow + backoff < deadline;
    }

    private static async Task BackoffAsync(TimeSpan backoff, CancellationToken cancellationToken)
    {
        try { await Task.Delay(backoff, cancellationToken); }
        catch (OperationCanceledException) { throw new RpcException(StatusCode.Cancelled, "The call was cancelled by the caller."); }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
