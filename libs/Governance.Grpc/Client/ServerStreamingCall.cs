using System.Runtime.CompilerServices;
using Google.Protobuf;
using Governance.Grpc.Server;

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

    internal ServerStreamingCall(Func<CancellationToken, Task<ClientCall>> start, MessageParser<TReply> parser, CancellationToken callToken)
    {
        _start = start;
        _parser = parser;
        _callToken = callToken;
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
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_callToken, cancellationToken);
        await using var call = await _start(cancel.Token);
        ResponseHeaders = call.ResponseHeaders;
        ResponseTrailers = call.ResponseTrailers;
        while (await call.ReadAsync(_parser) is { } reply) yield return reply;
    }
}
