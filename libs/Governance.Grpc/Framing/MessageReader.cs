using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;
using Governance.Grpc.Status;

namespace Governance.Grpc.Framing;

/// <summary>
/// Reads length-prefixed messages (PROTOCOL-HTTP2.md: a 1-byte compressed flag, a 4-byte big-endian
/// length, the message) from a request body. A message may arrive split over many reads, or
/// several in one; the pipe keeps what is not consumed yet.
/// </summary>
internal sealed class MessageReader(PipeReader body, string? encoding, int maxMessageBytes)
{
    private const int PrefixLength = 5;

    // Set when the read that gave the last message also saw the body end with nothing after it: the next read is
    // known to find the end, so it need not go back to the pipe.
    private bool _drained;

    /// <summary>The next message's bytes, or null at the end of the body; throws <see cref="RpcException"/> on a bad frame.</summary>
    public ValueTask<byte[]?> ReadAsync(CancellationToken cancellationToken) =>
        ReadAsync(static (payload, _) => payload.ToArray(), (object?)null, cancellationToken);

    /// <summary>
    /// The next message parsed by <paramref name="parser"/> straight from the pipe's buffer, or null at the end of the
    /// body; throws <see cref="RpcException"/> on a bad frame and whatever <paramref name="parser"/> throws on bad bytes.
    /// </summary>
    public ValueTask<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken) where T : class, IMessage<T> =>
        ReadAsync(static (payload, parser) => parser.ParseFrom(payload), parser, cancellationToken);

    private async ValueTask<T?> ReadAsync<T, TState>(Func<ReadOnlySequence<byte>, TState, T> take, TState state, CancellationToken cancellationToken)
        where T : class
    {
        if (_drained) return null;
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (TryTakeFrame(ref buffer, out var payload, out var compressed))
            {
                try { return compressed ? take(new ReadOnlySequence<byte>(Decompress(payload)), state) : take(payload, state); }
                finally
                {
                    body.AdvanceTo(buffer.Start);
                    _drained = result.IsCompleted && buffer.IsEmpty;
                }
            }
            if (result.IsCompleted)
            {
                var left = buffer.Length;
                body.AdvanceTo(buffer.End);
                if (left == 0) return null;
                throw new RpcException(StatusCode.Internal, "The request ended inside a message frame.");
            }
            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private bool TryTakeFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload, out bool compressed)
    {
        payload = default;
        compressed = false;
        if (buffer.Length < PrefixLength) return false;
        Span<byte> prefix = stackalloc byte[PrefixLength];
        buffer.Slice(0, PrefixLength).CopyTo(prefix);
        compressed = prefix[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new RpcException(StatusCode.Internal, "The message frame has an invalid compressed flag."),
        };
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        // Checked before waiting for the body, so an oversized message is refused without buffering it.
        if (length > maxMessageBytes)
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Received message larger than max ({length} vs. {maxMessageBytes}).");
        if (buffer.Length < PrefixLength + length) return false;

        payload = buffer.Slice(PrefixLength, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    private byte[] Decompress(ReadOnlySequence<byte> payload)
    {
        // PROTOCOL-HTTP2.md: a compressed message without a grpc-encoding is an INTERNAL error.
        if (encoding is null or "identity")
            throw new RpcException(StatusCode.Internal, "A compressed message was received without a grpc-encoding.");
        try
        {
            return MessageEncodings.Gunzip(payload.ToArray(), maxMessageBytes)
                ?? throw new RpcException(StatusCode.ResourceExhausted,
                    $"Received message larger than max after decompression (max {maxMessageBytes}).");
        }
        catch (InvalidDataException)
        {
            throw new RpcException(StatusCode.Internal, "The compressed message could not be decompressed.");
        }
    }
}
