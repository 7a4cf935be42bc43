using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Governance.Grpc.Framing;
using Governance.Grpc.Server;
using Governance.Grpc.Status;

namespace Governance.Grpc.Client;

/// <summary>
/// One attempt of a call on the wire: sends the request, reads the response headers, the messages
/// and the status (from the trailers, or from a trailers-only answer). Every failure leaves as an
/// <see cref="RpcException"/>; disposing it before the end resets the stream, so the server's handler sees the cancel.
/// </summary>
internal sealed class ClientCall : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly CancellationToken _caller;
    private readonly int _maxMessageBytes;
    private HttpResponseMessage? _response;
    private MessageReader? _reader;
    private PipeReader? _body;
    private bool _ended;

    private ClientCall(CancellationToken caller, TimeSpan remaining, int maxMessageBytes)
    {
        _caller = caller;
        _maxMessageBytes = maxMessageBytes;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _cts.CancelAfter(remaining);
    }

    public Metadata ResponseHeaders { get; } = new();
    public Metadata ResponseTrailers { get; } = new();

    public static async Task<ClientCall> StartAsync(
        HttpClient http, HttpRequestMessage request, DateTime deadline, CancellationToken caller, int maxMessageBytes)
    {
        var remaining = deadline - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero) throw new RpcException(StatusCode.DeadlineExceeded, "The deadline passed before the call started.");
        var call = new ClientCall(caller, remaining, maxMessageBytes);
        try
        {
            call._response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, call._cts.Token);
            call.ReadHeaders(call._response);
            return call;
        }
        catch (Exception e)
        {
            var error = e as RpcException ?? call.Translate(e); // before disposing, which cancels the token
            await call.DisposeAsync();
            if (error == e) throw;
            throw error;
        }
    }

    /// <summary>The next reply, or null after the server ended the call with OK.</summary>
    public async Task<T?> ReadAsync<T>(MessageParser<T> parser) where T : class, IMessage<T>
    {
        if (_ended) return null;
        byte[]? bytes;
        try
        {
            if (_reader is null)
            {
                _body = PipeReader.Create(await _response!.Content.ReadAsStreamAsync(_cts.Token));
                var encoding = _response.Headers.TryGetValues("grpc-encoding", out var e) ? e.FirstOrDefault() : null;
                _reader = new MessageReader(_body, encoding, _maxMessageBytes);
            }
            bytes = await _reader.ReadAsync(_cts.Token);
        }
        catch (Exception e) when (e is not RpcException) { throw Translate(e); }
        if (bytes is null)
        {
            _ended = true;
            EndWith(_response!.TrailingHeaders, ResponseTrailers, "trailers");
            return null;
        }
        try { return parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException) { throw new RpcException(StatusCode.Internal, "The reply message could not be parsed."); }
    }

    private void ReadHeaders(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
            throw new RpcException(FromHttp(response.StatusCode), $"Bad gRPC response: HTTP {(int)response.StatusCode}.");
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type is null || !type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
            throw new RpcException(StatusCode.Internal, $"Bad gRPC response: content type '{type}'.");
        ResponseMetadata.Read(response.Headers, ResponseHeaders);
        if (!response.Headers.Contains("grpc-status")) return;
        // Trailers-only: the status came with the headers and no message follows (PROTOCOL-HTTP2.md).
        _ended = true;
        EndWith(response.Headers, ResponseTrailers, "headers");
    }

    private static void EndWith(HttpHeaders headers, Metadata trailers, string where)
    {
        ResponseMetadata.Read(headers, trailers);
        if (!headers.TryGetValues("grpc-status", out var values))
            throw new RpcException(StatusCode.Internal, $"The response ended without a grpc-status in its {where}.");
        var code = int.TryParse(values.First(), out var n) ? (StatusCode)n : StatusCode.Unknown;
        if (code == StatusCode.OK) return;
        var message = headers.TryGetValues("grpc-message", out var m) ? StatusMessage.Decode(m.First()) : "";
        throw new RpcException(code, message);
    }

    /// <summary>HTTP statuses without a gRPC status, as https://github.com/grpc/grpc/blob/master/doc/http-grpc-status-mapping.md maps them.</summary>
    internal static StatusCode FromHttp(HttpStatusCode status) => (int)status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    private RpcException Translate(Exception e)
    {
        if (_caller.IsCancellationRequested) return new RpcException(StatusCode.Cancelled, "The call was cancelled by the caller.");
        if (_cts.IsCancellationRequested) return new RpcException(StatusCode.DeadlineExceeded, "The deadline passed.");
        return e switch
        {
            HttpRequestException or IOException => new RpcException(StatusCode.Unavailable, "The server could not be reached: " + e.Message),
            _ => new RpcException(StatusCode.Unknown, "The call failed: " + e.GetType().Name),
        };
    }

    public async ValueTask DisposeAsync()
    {
        // Cancelling an unfinished exchange makes HttpClient reset the stream (RST_STREAM CANCEL).
        if (!_ended) await _cts.CancelAsync();
        if (_body is not null) await _body.CompleteAsync();
        _response?.Dispose();
        _cts.Dispose();
    }
}
