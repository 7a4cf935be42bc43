using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
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

    /// <summary>The next message's bytes, or null at the end of the body; throws <see cref="RpcException"/> on a bad frame.</summary>
    public async ValueTask<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (TryTakeMessage(ref buffer, out var message))
            {
                body.AdvanceTo(buffer.Start);
                return message;
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

    private bool TryTakeMessage(ref ReadOnlySequence<byte> buffer, out byte[]? message)
    {
        message = null;
        if (buffer.Length < PrefixLength) return false;
        Span<byte> prefix = stackalloc byte[PrefixLength];
        buffer.Slice(0, PrefixLength).CopyTo(prefix);
        var compressed = prefix[0] switch
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

        var payload = buffer.Slice(PrefixLength, length);
        buffer = buffer.Slice(payload.End);
        message = compressed ? Decompress(payload) : payload.ToArray();
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
