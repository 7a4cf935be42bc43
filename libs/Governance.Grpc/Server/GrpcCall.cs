using Governance.Grpc.Framing;
using Governance.Grpc.Status;
using Governance.Grpc.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Governance.Grpc.Server;

/// <summary>
/// One call, from the request's headers to the status: checks the protocol, sets up the deadline
/// and the metadata, runs the method and turns whatever it throws into a status.
/// </summary>
internal sealed partial class GrpcCall
{
    private GrpcCall(HttpContext http, ServerCallContext context, MessageReader reader)
    {
        Http = http;
        Context = context;
        Reader = reader;
    }

    public HttpContext Http { get; }
    public ServerCallContext Context { get; }
    public MessageReader Reader { get; }

    /// <summary>Sends one message, and before the first the response headers.</summary>
    public async Task WriteAsync(Google.Protobuf.IMessage message, CancellationToken cancellationToken)
    {
        var response = Http.Response;
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcProtocol.ContentType;
            response.Headers[GrpcProtocol.AcceptEncoding] = MessageEncodings.Accepted;
            if (Context.HasResponseHeaders) StatusWriter.AddMetadata(response.Headers, Context.ResponseHeaders);
        }
        // Writes are not cancelled by the deadline alone: a message half-written would corrupt the stream.
        await MessageWriter.WriteAsync(response.BodyWriter, message, Http.RequestAborted);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Runs <paramref name="invoke"/> as the call to <paramref name="rpc"/>, answering per PROTOCOL-HTTP2.md.</summary>
    public static async Task RunAsync(HttpContext http, RpcName rpc, GrpcServerServices server, Func<GrpcCall, Task> invoke)
    {
        if (!HttpProtocol.IsHttp2(http.Request.Protocol))
        {
            // gRPC needs HTTP/2 trailers; grpc-dotnet answers the same way.
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers.Connection = "Upgrade";
            http.Response.Headers.Upgrade = "h2c";
            return;
        }
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            // PROTOCOL-HTTP2.md: a server receiving an unsupported content-type answers HTTP 415.
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        var encoding = http.Request.Headers[GrpcProtocol.Encoding].ToString() is { Length: > 0 } e ? e : null;
        if (!MessageEncodings.IsSupported(encoding))
        {
            http.Response.Headers[GrpcProtocol.AcceptEncoding] = MessageEncodings.Accepted;
            await StatusWriter.WriteAsync(http, StatusCode.Unimplemented, $"Message encoding '{encoding}' is not supported.");
            return;
        }

        var timeoutHeader = http.Request.Headers[GrpcProtocol.Timeout].ToString();
        var timeout = Timeout.InfiniteTimeSpan;
        if (timeoutHeader.Length > 0 && !GrpcTimeout.TryParse(timeoutHeader, out timeout))
        {
            await StatusWriter.WriteAsync(http, StatusCode.Internal, "The grpc-timeout header is malformed.");
            return;
        }

        // Without a deadline only the caller's cancel ends the call, and the request's own token says that.
        using var cancellation = timeout != Timeout.InfiniteTimeSpan ? CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted) : null;
        var token = cancellation?.Token ?? http.RequestAborted;
        var deadline = DateTime.MaxValue;
        if (cancellation is not null)
        {
            // CancelAfter takes at most ~24.8 days; a longer deadline is as good as none.
            if (timeout < TimeSpan.FromDays(24)) cancellation.CancelAfter(timeout);
            deadline = timeout < DateTime.MaxValue - DateTime.UtcNow ? DateTime.UtcNow + timeout : DateTime.MaxValue;
        }

        var logger = server.Logger;
        var context = new ServerCallContext(http, rpc.Path, deadline, token);
        var call = new GrpcCall(http, context, new MessageReader(http.Request.BodyReader, encoding, server.Options.Value.MaxReceiveMessageBytes));

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        StatusCode code;
        string? message = null;
        try
        {
            RequestMetadata.Validate(http.Request.Headers);
            await invoke(call);
            code = StatusCode.OK;
        }
        catch (Exception ex) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller is gone: nobody reads the status.
            LogAborted(logger, rpc.Path, ex.GetType().Name);
            GrpcServerTelemetry.Record(rpc, StatusCode.Cancelled, started);
            return;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            code = StatusCode.DeadlineExceeded;
        }
        catch (Exception ex)
        {
            (code, message, var expected) = ExceptionStatus.From(ex);
            if (!expected) LogFailed(logger, ex, rpc.Path);
        }
        // A handler that ignored its token and finished late still missed the deadline.
        if (code == StatusCode.OK && token.IsCancellationRequested) code = StatusCode.DeadlineExceeded;
        if (code == StatusCode.DeadlineExceeded) message ??= "Deadline exceeded.";
        GrpcServerTelemetry.Record(rpc, code, started);
        // Trailers-only carries the headers and the trailers in one frame: the handler's headers must not be lost.
        if (!http.Response.HasStarted && context.HasResponseHeaders) StatusWriter.AddMetadata(http.Response.Headers, context.ResponseHeaders);
        await StatusWriter.WriteAsync(http, code, message, context.HasResponseTrailers ? context.ResponseTrailers : null);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC call {Method} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Debug, Message = "gRPC call {Method} ended by the caller ({Exception})")]
    private static partial void LogAborted(ILogger logger, string method, string exception);
}
