using System.Diagnostics;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Governance.Grpc.Server;
using Governance.Grpc.Status;
using Governance.Grpc.Telemetry;

namespace Governance.Grpc.Client;

/// <summary>
/// A server-streaming call: enumerate it for the replies (each enumeration is a new call). The response
/// headers are filled once the call has started, the trailers once it has ended.
/// </summary>
public sealed class ServerStreamingCall<TReply> : IAsyncEnumerable<TReply> where TReply : class, IMessage<TReply>
{
    private readonly Func<CancellationToken, Task<ClientCall>> _start;
    private readonly MessageParser<TReply> _parser;
    private readonly CancellationToken _callToken;
    private readonly MethodDescriptor _method;
    private readonly Uri _address;

    internal ServerStreamingCall(Func<CancellationToken, Task<ClientCall>> start, MessageParser<TReply> parser, CancellationToken callToken,
        MethodDescriptor method, Uri address)
    {
        _start = start;
        _parser = parser;
        _callToken = callToken;
        _method = method;
        _address = address;
    }

    /// <summary>The server's response headers; empty before the call has started.</summary>
    public Metadata ResponseHeaders { get; private set; } = new();

    /// <summary>The server's trailers; empty before the call has ended.</summary>
    public Metadata ResponseTrailers { get; private set; } = new();

    /// <inheritdoc />
    public IAsyncEnumerator<TReply> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerable<TReply> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // The span covers the enumeration; it is current while the request is sent, so HttpClient's span is its child.
        var span = GrpcClientTelemetry.Start(_method, _address);
        var code = StatusCode.Cancelled; // unless the stream ends or fails: the caller left the loop early
        try
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_callToken, cancellationToken);
            ClientCall call;
            try { call = await _start(cancel.Token); }
            catch (Exception e) { code = GrpcClientTelemetry.CodeOf(e); throw; }
            await using (call)
            {
                ResponseHeaders = call.ResponseHeaders;
                ResponseTrailers = call.ResponseTrailers;
                while (true)
                {
                    TReply? reply;
                    try { reply = await call.ReadAsync(_parser); }
                    catch (Exception e) { code = GrpcClientTelemetry.CodeOf(e); throw; }
                    if (reply is null) break;
                    yield return reply;
                }
            }
            code = StatusCode.OK;
        }
        finally
        {
            GrpcClientTelemetry.End(span, _method, code, started);
        }
    }
}
